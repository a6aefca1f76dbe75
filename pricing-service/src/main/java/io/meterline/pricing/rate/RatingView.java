package io.meterline.pricing.rate;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.meterline.rating.AppliedDiscount;
import io.meterline.rating.RatedLine;
import io.meterline.rating.Rating;

/** A rating as the API shows it: every amount a string with exactly the currency's minor digits. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Rating")
public record RatingView(
        @Schema(examples = "USD") String currency,
        @Schema(type = SchemaType.STRING, examples = "1500") BigDecimal quantity,
        @Schema(type = SchemaType.STRING, examples = "125.00") BigDecimal subtotal,
        @Schema(type = SchemaType.STRING, description = "What the discounts took off", examples = "12.50") BigDecimal discount,
        @Schema(type = SchemaType.STRING, examples = "112.50") BigDecimal total,
        List<Line> lines,
        List<DiscountLine> discounts,
        @Schema(type = SchemaType.STRING, description = "COMMIT only") BigDecimal overageUnits,
        @Schema(type = SchemaType.STRING, description = "COMMIT only") BigDecimal bufferUnits,
        @Schema(type = SchemaType.STRING, description = "COMMIT only: base × unused ÷ commit") BigDecimal bufferAmount) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "RatingLine")
    public record Line(
            @Schema(examples = "USAGE") RatedLine.Kind kind,
            @Schema(examples = "Tier 1 (up to 1000)") String description,
            @Schema(type = SchemaType.STRING, examples = "1000") BigDecimal quantity,
            @Schema(type = SchemaType.STRING, examples = "0.10") BigDecimal unitPrice,
            @Schema(type = SchemaType.STRING, examples = "100.00") BigDecimal amount) {
    }

    @Schema(name = "AppliedDiscount")
    public record DiscountLine(
            @Schema(examples = "10% discount") String description,
            @Schema(examples = "PERCENT") String type,
            @Schema(type = SchemaType.STRING, examples = "10") BigDecimal value,
            @Schema(type = SchemaType.STRING, examples = "12.50") BigDecimal amount) {
    }

    public static RatingView of(Rating rating) {
        List<Line> lines = rating.lines().stream()
                .map(l -> new Line(l.kind(), l.description(), l.quantity(), l.unitPrice(), l.amount())).toList();
        List<DiscountLine> discounts = rating.discounts().stream().map(RatingView::discountLine).toList();
        return new RatingView(rating.currency().code(), rating.quantity(), rating.subtotal(), rating.discountTotal(),
                rating.total(), lines, discounts,
                rating.commit() == null ? null : rating.commit().overageUnits(),
                rating.commit() == null ? null : rating.commit().bufferUnits(),
                rating.commit() == null ? null : rating.commit().bufferAmount());
    }

    public static DiscountLine discountLine(AppliedDiscount d) {
        return new DiscountLine(d.description(), d.type().name(), d.value(), d.amount());
    }
}
