package io.meterline.rating;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A percent or amount discount. With a validity window it is a promotion: it applies to a rating whose instant is in
 * {@code [validFrom, validUntil)}; either bound may be open.
 */
public record Discount(Type type, BigDecimal value, Instant validFrom, Instant validUntil, String description) {

    public enum Type {
        /** {@code value} percent of the amount, 0 to 100. */
        PERCENT,
        /** {@code value} in the rating's currency. */
        AMOUNT
    }

    public static Discount percent(String value) {
        return new Discount(Type.PERCENT, new BigDecimal(value), null, null, null);
    }

    public static Discount amount(String value) {
        return new Discount(Type.AMOUNT, new BigDecimal(value), null, null, null);
    }

    public Discount validBetween(Instant from, Instant until) {
        return new Discount(type, value, from, until, description);
    }

    public Discount describedAs(String text) {
        return new Discount(type, value, validFrom, validUntil, text);
    }

    /** Whether the discount is in effect at {@code instant}. */
    public boolean appliesAt(Instant instant) {
        return (validFrom == null || !instant.isBefore(validFrom)) && (validUntil == null || instant.isBefore(validUntil));
    }

    /** How a line or an invoice names it. */
    public String label() {
        if (description != null && !description.isBlank()) {
            return description;
        }
        return type == Type.PERCENT ? value.stripTrailingZeros().toPlainString() + "% discount"
                : "Discount of " + value.toPlainString();
    }
}
