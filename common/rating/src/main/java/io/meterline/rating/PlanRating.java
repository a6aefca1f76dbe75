package io.meterline.rating;

import java.math.BigDecimal;
import java.util.List;

/**
 * A plan's charges rated over a period's usage: each charge's rating, the unpriced usage, and the plan-level
 * discounts applied to the sum of the charges' totals.
 */
public record PlanRating(RatingCurrency currency, List<ChargeRating> charges, List<UnpricedUsage> unpriced,
        BigDecimal subtotal, List<AppliedDiscount> discounts, BigDecimal discountTotal, BigDecimal total) {

    public PlanRating {
        charges = List.copyOf(charges);
        unpriced = List.copyOf(unpriced);
        discounts = List.copyOf(discounts);
    }
}
