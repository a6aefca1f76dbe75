package io.meterline.platform.db;

import java.math.BigDecimal;

/** Decimals read back from numeric(38, 9) columns, without the storage scale's trailing zeros ("10", not "10.000000000"). */
public final class Decimals {

    private Decimals() {
    }

    public static BigDecimal stored(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
