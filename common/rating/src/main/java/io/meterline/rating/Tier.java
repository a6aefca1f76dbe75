package io.meterline.rating;

import java.math.BigDecimal;

/**
 * One tier of a graduated or volume price. {@code upTo} is the inclusive upper bound, {@code null} in the last,
 * open-ended tier. {@code flatFee} is optional.
 */
public record Tier(BigDecimal upTo, BigDecimal unitPrice, BigDecimal flatFee) {

    public static Tier upTo(String upTo, String unitPrice) {
        return new Tier(new BigDecimal(upTo), new BigDecimal(unitPrice), null);
    }

    public static Tier above(String unitPrice) {
        return new Tier(null, new BigDecimal(unitPrice), null);
    }

    public Tier withFlatFee(String fee) {
        return new Tier(upTo, unitPrice, new BigDecimal(fee));
    }

    public boolean isOpenEnded() {
        return upTo == null;
    }
}
