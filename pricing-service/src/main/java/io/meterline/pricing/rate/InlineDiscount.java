package io.meterline.pricing.rate;

import java.math.BigDecimal;
import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.meterline.rating.Discount;
import io.meterline.rating.InvalidRatingInputException;
import io.meterline.rating.Violation;

/** A discount written into a rating request. */
@Schema(name = "InlineDiscount", description = "A percent or amount discount, optionally valid in a window.")
public record InlineDiscount(
        @Schema(enumeration = { "PERCENT", "AMOUNT" }, examples = "PERCENT") String type,
        @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, examples = "10") BigDecimal value,
        @Schema(examples = "2026-11-01T00:00:00Z") Instant validFrom,
        @Schema(examples = "2026-12-01T00:00:00Z") Instant validUntil,
        @Schema(examples = "Launch promotion") String description) {

    public Discount toDiscount(String path) {
        Discount.Type kind;
        try {
            kind = type == null ? null : Discount.Type.valueOf(type);
        } catch (IllegalArgumentException e) {
            throw new InvalidRatingInputException(java.util.List.of(new Violation(path + ".type", "must be PERCENT or AMOUNT")));
        }
        return new Discount(kind, value, validFrom, validUntil, description);
    }
}
