package io.meterline.rating;

/**
 * How large a price may be. Bounds keep one request's rating cheap and its storage small; each is far above what a
 * real price list needs (Stripe allows 250 tiers per price).
 */
public final class RatingLimits {

    public static final int MAX_TIERS = 250;
    public static final int MAX_DIMENSION_PRICES = 1_000;
    public static final int MAX_DISCOUNTS = 100;

    private RatingLimits() {
    }
}
