package io.meterline.rating;

import java.math.BigDecimal;

/** A discount as applied: the amount it took off, never more than what was left. */
public record AppliedDiscount(String description, Discount.Type type, BigDecimal value, BigDecimal amount) {
}
