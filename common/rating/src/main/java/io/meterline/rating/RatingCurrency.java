package io.meterline.rating;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** An ISO 4217 currency and its minor units (JPY 0, USD 2, KWD 3): the scale every amount is rounded to. */
public record RatingCurrency(String code, int minorUnits) {

    private static final ConcurrentMap<String, RatingCurrency> KNOWN = new ConcurrentHashMap<>();

    /** The currency for an ISO 4217 code; rejects unknown codes and those without minor units (such as XAU). */
    public static RatingCurrency of(String code) {
        // KNOWN is an immutable map, which refuses a null key.
        RatingCurrency known = code == null ? null : KNOWN.get(code);
        if (known != null) {
            return known;
        }
        if (code == null || !code.matches("[A-Z]{3}")) {
            throw new InvalidRatingInputException(
                    java.util.List.of(new Violation("currency", "must be an ISO 4217 code such as USD")));
        }
        Currency currency;
        try {
            currency = Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new InvalidRatingInputException(
                    java.util.List.of(new Violation("currency", code + " is not an ISO 4217 currency")));
        }
        if (currency.getDefaultFractionDigits() < 0) {
            throw new InvalidRatingInputException(
                    java.util.List.of(new Violation("currency", code + " has no minor units and cannot be billed")));
        }
        return KNOWN.computeIfAbsent(code, c -> new RatingCurrency(c, currency.getDefaultFractionDigits()));
    }

    /** Rounds to the minor units, HALF_UP: the one rounding rule of the engine. */
    public BigDecimal round(BigDecimal amount) {
        return amount.setScale(minorUnits, RoundingMode.HALF_UP);
    }

    /** Zero, at this currency's scale. */
    public BigDecimal zero() {
        return BigDecimal.ZERO.setScale(minorUnits);
    }
}
