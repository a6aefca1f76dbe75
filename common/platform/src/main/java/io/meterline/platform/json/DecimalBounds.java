package io.meterline.platform.json;

import java.math.BigDecimal;

/**
 * The decimals any JSON read here may carry: at most {@value #INTEGER_DIGITS} digits before the point (what a
 * {@code numeric(38, 9)} column holds) and {@value #FRACTION_DIGITS} after it, trailing zeros not counted. Without a
 * bound, {@code 1e999999999} is a short string that no rounding or column can hold. The fraction bound is generous on
 * purpose: the same reader reads the services' own payloads, whose DECIMAL64 results of small magnitudes have long
 * fractions; fields with a tighter rule (an event's value, a money amount) check it where they are validated.
 */
public final class DecimalBounds {

    public static final int INTEGER_DIGITS = 29;
    public static final int FRACTION_DIGITS = 64;

    /** What a person is told when a decimal is outside the bounds. */
    public static final String RULE = "is out of range: a decimal here has at most " + INTEGER_DIGITS
            + " digits before the point and " + FRACTION_DIGITS + " after it";

    private DecimalBounds() {
    }

    public static boolean fits(BigDecimal value) {
        if (value.signum() == 0) {
            return true; // 0E+999999999 is zero, whatever its exponent
        }
        BigDecimal stripped = value.stripTrailingZeros();
        long integerDigits = (long) stripped.precision() - stripped.scale();
        return integerDigits <= INTEGER_DIGITS && stripped.scale() <= FRACTION_DIGITS;
    }
}
