package io.meterline.billing.buckets;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A bucket as the API shows it, and as the audit log records it. */
@Schema(name = "Bucket")
public record BucketView(
        UUID id,
        @Schema(description = "Billing's client id.") UUID client,
        @Schema(description = "The customer on usage events.", examples = "acme") String clientExternalId,
        UUID unitType,
        @Schema(examples = "vcpu-hour") String unitTypeName,
        @Schema(examples = "vcpu_hours") String meter,
        @Schema(examples = "SUM") String aggregation,
        @Schema(examples = "Production cluster") String name,
        @Schema(examples = "k8s") String sourceType,
        @Schema(type = SchemaType.STRING, examples = "720") BigDecimal commitUnits,
        @Schema(type = SchemaType.STRING, examples = "300.00") BigDecimal basePrice,
        @Schema(type = SchemaType.STRING, examples = "0.45") BigDecimal overageRate,
        @Schema(examples = "USD") String currency,
        Instant startsAt,
        Instant endsAt,
        boolean reviewed,
        boolean enabled,
        @Schema(description = "Made by auto-provisioning from the unit type's template.") boolean autoProvisioned,
        @Schema(description = "Bound asset ids; empty: the client's other usage of the meter.") List<String> assets,
        Instant createdAt,
        Instant updatedAt,
        long version) {
}
