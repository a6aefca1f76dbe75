package io.meterline.billing.runs;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A client's assets that no bucket counts, with their unbilled usage of the open period and what it would bill. */
@Schema(name = "UnboundAssets")
public record UnboundAssets(UUID client, String clientExternalId, Instant periodStart,
        @Schema(description = "Usage is counted up to this instant, the last whole hour.") Instant usageThrough,
        String currency, @Schema(type = SchemaType.STRING, description = "What the unbound usage would bill.",
                examples = "112.50") BigDecimal total,
        List<Item> assets) {

    @Schema(name = "UnboundAsset")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(String asset, String name, String source, String meter,
            @Schema(type = SchemaType.STRING, examples = "250") BigDecimal usage,
            @Schema(type = SchemaType.STRING, description = "Absent when nothing prices the meter.",
                    examples = "112.50") BigDecimal value,
            @Schema(description = "What priced it: a unit type's overage rate, or the client's plan.",
                    examples = "unit type vcpu-hour at 0.45") String valuedBy) {
    }
}
