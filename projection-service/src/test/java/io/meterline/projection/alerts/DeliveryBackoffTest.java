package io.meterline.projection.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class DeliveryBackoffTest {

    @Test
    void followsTheDocumentedSchedule() {
        assertThat(DeliveryBackoff.delayBeforeAttempt(1)).contains(Duration.ZERO);
        assertThat(DeliveryBackoff.delayBeforeAttempt(2)).contains(Duration.ofSeconds(30));
        assertThat(DeliveryBackoff.delayBeforeAttempt(3)).contains(Duration.ofMinutes(2));
        assertThat(DeliveryBackoff.delayBeforeAttempt(4)).contains(Duration.ofMinutes(10));
        assertThat(DeliveryBackoff.delayBeforeAttempt(5)).contains(Duration.ofMinutes(30));
        assertThat(DeliveryBackoff.delayBeforeAttempt(6)).contains(Duration.ofHours(1));
        assertThat(DeliveryBackoff.delayBeforeAttempt(7)).contains(Duration.ofHours(2));
        assertThat(DeliveryBackoff.delayBeforeAttempt(8)).contains(Duration.ofHours(4));
        assertThat(DeliveryBackoff.delayBeforeAttempt(9)).contains(Duration.ofHours(8));
        for (int attempt = 10; attempt <= DeliveryBackoff.maxAttempts(); attempt++) {
            assertThat(DeliveryBackoff.delayBeforeAttempt(attempt)).contains(Duration.ofHours(12));
        }
        assertThat(DeliveryBackoff.maxAttempts()).isEqualTo(14);
    }

    @Test
    void givesUpAfterTheLastAttempt() {
        assertThat(DeliveryBackoff.delayBeforeAttempt(DeliveryBackoff.maxAttempts())).isPresent();
        assertThat(DeliveryBackoff.delayBeforeAttempt(DeliveryBackoff.maxAttempts() + 1)).isEmpty();
        assertThat(DeliveryBackoff.delayBeforeAttempt(Integer.MAX_VALUE)).isEmpty();
        assertThatThrownBy(() -> DeliveryBackoff.delayBeforeAttempt(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void spansAtLeastADayNeverShrinksAndIsCappedAtTwelveHours() {
        Duration total = Duration.ZERO;
        Duration previous = Duration.ZERO;
        for (int attempt = 2; attempt <= DeliveryBackoff.maxAttempts(); attempt++) {
            Duration delay = DeliveryBackoff.delayBeforeAttempt(attempt).orElseThrow();
            assertThat(delay).isGreaterThanOrEqualTo(previous).isLessThanOrEqualTo(Duration.ofHours(12));
            total = total.plus(delay);
            previous = delay;
        }
        assertThat(total).isGreaterThanOrEqualTo(Duration.ofHours(24));
        assertThat(total).isEqualTo(Duration.ofHours(75).plusMinutes(42).plusSeconds(30));
    }
}
