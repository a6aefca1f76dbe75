package io.meterline.rating;

import java.math.BigDecimal;
import java.util.List;

/**
 * The result of rating one quantity under one price: the lines (summing to the subtotal), the discounts applied, and
 * the total, which is never below zero. {@code commit} is present for COMMIT prices only.
 */
public record Rating(RatingCurrency currency, BigDecimal quantity, List<RatedLine> lines, BigDecimal subtotal,
        List<AppliedDiscount> discounts, BigDecimal discountTotal, BigDecimal total, CommitOutcome commit) {

    public Rating {
        lines = List.copyOf(lines);
        discounts = List.copyOf(discounts);
    }
}
