package io.meterline.pricing.quotes;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.meterline.pricing.rate.RatingView;

/**
 * An invoice-like quote: per meter, the revenue (price plan), the cost (cost-rate plans) and the margin; the charges
 * behind them; and the usage nothing prices.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Quote")
public record Quote(UUID planId, String planName, int planVersion, String currency, String client, Instant at,
        List<Line> lines,
        @Schema(description = "Revenue after plan- and client-level discounts") Revenue revenue,
        @Schema(type = SchemaType.STRING, examples = "41.20") BigDecimal cost,
        @Schema(type = SchemaType.STRING, examples = "71.30") BigDecimal margin,
        @Schema(type = SchemaType.STRING, description = "margin ÷ revenue × 100; absent when revenue is zero",
                examples = "63.38") BigDecimal marginPercent,
        List<ChargeLine> charges, List<ChargeLine> costCharges, List<PlanRef> costRatePlans,
        @Schema(description = "Usage the price plan does not price: a warning, never zero") List<Unpriced> unpriced,
        @Schema(description = "Usage no cost-rate plan prices: its cost is unknown") List<Unpriced> uncosted) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "QuoteLine")
    public record Line(@Schema(examples = "llm_tokens") String meter,
            @Schema(type = SchemaType.STRING, examples = "112.50") BigDecimal revenue,
            @Schema(type = SchemaType.STRING, examples = "41.20") BigDecimal cost,
            @Schema(type = SchemaType.STRING, examples = "71.30") BigDecimal margin,
            @Schema(type = SchemaType.STRING, examples = "63.38") BigDecimal marginPercent) {
    }

    @Schema(name = "QuoteRevenue")
    public record Revenue(@Schema(type = SchemaType.STRING) BigDecimal subtotal,
            @Schema(type = SchemaType.STRING) BigDecimal discount, @Schema(type = SchemaType.STRING) BigDecimal total,
            List<RatingView.DiscountLine> discounts) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "QuoteChargeLine")
    public record ChargeLine(String charge, String meter, String description,
            @Schema(description = "The dimension rule that priced this usage; absent for the default price")
            Map<String, String> match, @Schema(type = SchemaType.STRING) BigDecimal quantity, RatingView rating) {
    }

    @Schema(name = "PlanRef")
    public record PlanRef(UUID planId, String name, int version) {
    }

    @Schema(name = "UnpricedUsage")
    public record Unpriced(String meter, Map<String, String> dimensions,
            @Schema(type = SchemaType.STRING) BigDecimal quantity, String reason) {
    }
}
