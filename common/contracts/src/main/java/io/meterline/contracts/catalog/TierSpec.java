package io.meterline.contracts.catalog;

import java.math.BigDecimal;

import io.meterline.rating.Tier;

/** A tier as written in the API and on the catalog topic. {@code upTo} is null in the last, open-ended tier. */
public record TierSpec(BigDecimal upTo, BigDecimal unitPrice, BigDecimal flatFee) {

    public Tier toTier() {
        return new Tier(upTo, unitPrice, flatFee);
    }
}
