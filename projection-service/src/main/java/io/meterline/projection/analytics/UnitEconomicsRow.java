package io.meterline.projection.analytics;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One group's unit economics on one meter, in one currency. Amounts and quantities are decimal strings. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "UnitEconomicsRow")
public record UnitEconomicsRow(
        @Schema(description = "The client id, meter or dimension value.", examples = "gpt-4o") String key,
        @Schema(examples = "llm_tokens") String meter, @Schema(examples = "USD") String currency,
        @Schema(description = "Units used.", examples = "125000000") String usage,
        @Schema(examples = "1250.00") String revenue, @Schema(examples = "812.50") String cost,
        @Schema(description = "revenue ÷ usage (6 decimals); absent with no usage.", examples = "0.00001")
        String revenuePerUnit,
        @Schema(description = "cost ÷ usage (6 decimals).", examples = "0.0000065") String costPerUnit,
        @Schema(description = "revenue − cost", examples = "437.50") String contributionMargin,
        @Schema(description = "contribution margin ÷ revenue × 100; absent when revenue is zero.",
                examples = "35.00") String contributionMarginPercent) {
}
