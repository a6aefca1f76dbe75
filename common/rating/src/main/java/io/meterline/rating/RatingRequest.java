package io.meterline.rating;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Everything a rating depends on. {@code periodFraction} (0 &lt; f ≤ 1) prorates the fixed parts of the price;
 * {@code at} decides which discounts are in effect.
 */
public record RatingRequest(RatingCurrency currency, BigDecimal quantity, Price price, List<Discount> discounts,
        BigDecimal periodFraction, Instant at) {

    public RatingRequest {
        discounts = discounts == null ? List.of() : List.copyOf(discounts);
        periodFraction = periodFraction == null ? BigDecimal.ONE : periodFraction;
    }

    /** A full-period rating without discounts. */
    public static RatingRequest of(String currency, String quantity, Price price) {
        return new RatingRequest(RatingCurrency.of(currency), new BigDecimal(quantity), price, List.of(),
                BigDecimal.ONE, Instant.EPOCH);
    }

    public RatingRequest withDiscounts(Discount... more) {
        return new RatingRequest(currency, quantity, price, List.of(more), periodFraction, at);
    }

    public RatingRequest withPeriodFraction(String fraction) {
        return new RatingRequest(currency, quantity, price, discounts, new BigDecimal(fraction), at);
    }

    public RatingRequest at(Instant instant) {
        return new RatingRequest(currency, quantity, price, discounts, periodFraction, instant);
    }
}
