package io.meterline.rating;

import java.math.BigDecimal;

/**
 * One line of a rating: what it is, how many, at what price, and the amount rounded to the currency's minor units.
 * For a minimum true-up or a maximum cap, quantity and unit price are null.
 */
public record RatedLine(Kind kind, String description, BigDecimal quantity, BigDecimal unitPrice, BigDecimal amount) {

    public enum Kind {
        /** A FLAT price's amount. */
        FLAT_FEE,
        /** Units at a unit price: PER_UNIT, a graduated or volume tier. */
        USAGE,
        /** A tier's flat fee. */
        TIER_FLAT_FEE,
        /** Whole packages of a PACKAGE price. */
        PACKAGE,
        /** A commit's base price. */
        COMMIT_BASE,
        /** Units above a commit. */
        OVERAGE,
        /** Raises the subtotal to the price's minimum. */
        MINIMUM_TRUE_UP,
        /** Lowers the subtotal to the price's maximum; negative. */
        MAXIMUM_CAP
    }
}
