package io.meterline.pricing.unittypes;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.meterline.contracts.catalog.UnitTypeChanged;

/**
 * A kind of billable unit ({@code vcpu-hour}, {@code 1k-tokens}) with its bucket template: the commit, base price
 * and overage rate of the billing buckets that the nightly auto-provisioning creates for clients whose assets match
 * the filter pattern.
 */
@Schema(name = "UnitType")
public record UnitType(
        UUID id,
        @Schema(examples = "vcpu-hour") String name,
        @Schema(examples = "One vCPU for one hour") String description,
        @Schema(description = "The meter whose usage the unit counts", examples = "vcpu_hours") String meter,
        @Schema(enumeration = { "SUM", "COUNT", "MAX", "MIN", "AVG", "UNIQUE_COUNT", "LATEST" }, examples = "SUM")
        String aggregation,
        @Schema(description = "Whether the nightly job creates buckets from this template") boolean autoProvision,
        @Schema(examples = "USD") String currency,
        @Schema(type = SchemaType.STRING, description = "Units a bucket commits to per period", examples = "720")
        BigDecimal commitUnits,
        @Schema(type = SchemaType.STRING, description = "The price of the commit", examples = "300.00") BigDecimal basePrice,
        @Schema(type = SchemaType.STRING, description = "The price per unit above the commit", examples = "0.45")
        BigDecimal overageRate,
        @Schema(enumeration = { "ASSET_NAME", "SOURCE" }, description = "What the filter pattern matches")
        String filterOn,
        @Schema(description = "A glob: * any characters, ? one character", examples = "k8s-*") String filterPattern,
        @Schema(description = "Increases with each change", examples = "1") int revision,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    UnitTypeChanged toEvent(boolean deleted) {
        return new UnitTypeChanged(UnitTypeChanged.SCHEMA_VERSION, id, revision, name, description, meter, aggregation,
                autoProvision, currency, commitUnits, basePrice, overageRate, filterOn, filterPattern, deleted);
    }
}
