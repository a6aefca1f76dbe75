package io.meterline.metering.apikeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aFullBucketLetsABurstThroughThenRefillsAtItsRate() {
        TokenBucket bucket = new TokenBucket(1000, 100, 0);
        assertThat(bucket.take(1000, 0)).isZero();
        assertThat(bucket.take(1, 0)).isEqualTo(Duration.ofMillis(10));
        assertThat(bucket.take(50, SECOND / 2)).isZero(); // half a second refilled 50
        assertThat(bucket.take(100, SECOND / 2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(bucket.take(100, SECOND / 2 + SECOND)).isZero();
    }

    @Test
    void aRefusedTakeTakesNothing() {
        TokenBucket bucket = new TokenBucket(10, 10, 0);
        assertThat(bucket.take(8, 0)).isZero();
        assertThat(bucket.take(5, 0)).isEqualTo(Duration.ofMillis(300));
        assertThat(bucket.take(2, 0)).isZero(); // the refused five took none of the two left
        assertThat(bucket.take(1, 0)).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void moreThanABucketAtOnceWaitsForAFullBucketAndBadSizesAreRefused() {
        TokenBucket bucket = new TokenBucket(10, 10, 0);
        assertThat(bucket.take(5, 0)).isZero();
        assertThat(bucket.take(20, 0)).isEqualTo(Duration.ofMillis(500));
        assertThat(bucket.take(10, 100 * SECOND)).isZero(); // idle for long: still only ten
        assertThat(bucket.take(1, 100 * SECOND)).isPositive();
        assertThatThrownBy(() -> new TokenBucket(0, 10, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(10, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
