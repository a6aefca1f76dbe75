package io.meterline.rating;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Quantities prorated by a period fraction, such as a commit for a bucket active part of a period. Amounts are
 * prorated inside the engine and rounded once per line; a prorated quantity keeps 9 decimal places (HALF_UP), as
 * stored usage does, so the commit it is compared with never carries more precision than the usage.
 */
public final class Proration {

    public static final int QUANTITY_SCALE = 9;

    private Proration() {
    }

    public static BigDecimal quantity(BigDecimal units, BigDecimal fraction) {
        if (fraction.compareTo(BigDecimal.ONE) == 0) {
            return units;
        }
        return units.multiply(fraction).setScale(QUANTITY_SCALE, RoundingMode.HALF_UP).stripTrailingZeros();
    }
}
