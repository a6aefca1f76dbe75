package io.meterline.rating;

import java.math.BigDecimal;

/**
 * A price model with its optional limits: {@code minimum} raises the subtotal to it with a true-up line,
 * {@code maximum} caps it with a negative line. Both are prorated by the period fraction.
 */
public record Price(PriceModel model, BigDecimal minimum, BigDecimal maximum) {

    public static Price of(PriceModel model) {
        return new Price(model, null, null);
    }

    public Price withMinimum(String minimum) {
        return new Price(model, new BigDecimal(minimum), maximum);
    }

    public Price withMaximum(String maximum) {
        return new Price(model, minimum, new BigDecimal(maximum));
    }
}
