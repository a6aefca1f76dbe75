package io.meterline.rating;

import java.math.BigDecimal;

/** One charge rated for one of its prices: the usage that price applied to, summed, and the rating. */
public record ChargeRating(String chargeKey, String meter, String description, PriceSelection selection,
        BigDecimal quantity, Rating rating) {
}
