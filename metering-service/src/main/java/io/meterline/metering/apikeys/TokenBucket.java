package io.meterline.metering.apikeys;

import java.time.Duration;

/**
 * A token bucket: {@code capacity} tokens, refilled at {@code perSecond}. Taking n tokens succeeds when n are there;
 * otherwise it answers how long until they will be. Pure apart from the nanosecond time it is given, thread-safe.
 */
final class TokenBucket {

    private final double capacity;
    private final double perNano;
    private double tokens;
    private long lastNanos;

    TokenBucket(long capacity, long perSecond, long nowNanos) {
        if (capacity <= 0 || perSecond <= 0) {
            throw new IllegalArgumentException("A bucket needs a positive capacity and rate");
        }
        this.capacity = capacity;
        this.perNano = perSecond / 1e9;
        this.tokens = capacity;
        this.lastNanos = nowNanos;
    }

    /** Takes {@code n} tokens and answers zero, or takes none and answers how long until {@code n} are there. */
    synchronized Duration take(long n, long nowNanos) {
        tokens = Math.min(capacity, tokens + Math.max(0, nowNanos - lastNanos) * perNano);
        lastNanos = nowNanos;
        if (n <= tokens) {
            tokens -= n;
            return Duration.ZERO;
        }
        if (n > capacity) {
            // More than a full bucket at once can never be taken: say when a full bucket would be there.
            return Duration.ofNanos((long) Math.ceil((capacity - tokens) / perNano));
        }
        return Duration.ofNanos((long) Math.ceil((n - tokens) / perNano));
    }
}
