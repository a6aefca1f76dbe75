package io.meterline.projection.analytics;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Revenue, metered cost and margin of one group (or of everything) in one currency. Amounts are decimal strings. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "MarginRow")
public record MarginRow(
        @Schema(description = "The client id, meter, dimension value or source type; absent on an overall row.",
                examples = "vcpu_hours") String key,
        @Schema(examples = "USD") String currency,
        @Schema(description = "Invoiced after discounts (closed periods), projected (the open one).",
                examples = "12500.00") String revenue,
        @Schema(description = "Metered cost: the cost rates over the same usage.", examples = "7300.00") String cost,
        @Schema(description = "revenue − cost", examples = "5200.00") String margin,
        @Schema(description = "margin ÷ revenue × 100, two decimals; absent when revenue is zero.",
                examples = "41.60") String marginPercent) {
}
