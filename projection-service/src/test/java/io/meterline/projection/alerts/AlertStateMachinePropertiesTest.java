package io.meterline.projection.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.meterline.projection.alerts.AlertStateMachine.AlertState;
import io.meterline.projection.alerts.AlertStateMachine.Evaluation;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.constraints.Size;

class AlertStateMachinePropertiesTest {

    private static final Instant PERIOD = Instant.parse("2026-11-01T00:00:00Z");

    @Property(tries = 2000)
    void atMostOneNotificationPerPeriodAndOnlyIfTheThresholdWasReached(
            @ForAll @Size(max = 60) List<@BigRange(min = "0", max = "200") @Scale(2) BigDecimal> values,
            @ForAll @BigRange(min = "0", max = "200") @Scale(2) BigDecimal threshold,
            @ForAll @BigRange(min = "0", max = "50") @Scale(2) BigDecimal warningGap,
            @ForAll boolean withWarning,
            @ForAll @BigRange(min = "0", max = "20") @Scale(2) BigDecimal hysteresis,
            @ForAll boolean firesAbove) {
        BigDecimal warningAt = withWarning
                ? (firesAbove ? threshold.subtract(warningGap) : threshold.add(warningGap))
                : null;

        AlertState state = null;
        Instant now = PERIOD;
        int notifications = 0;
        boolean reached = false;
        for (BigDecimal value : values) {
            now = now.plusSeconds(60);
            Evaluation evaluation = AlertStateMachine.evaluate(state, firesAbove, value, threshold, warningAt,
                    hysteresis, PERIOD, now);
            state = evaluation.next();
            if (evaluation.shouldNotify()) {
                notifications++;
                assertThat(state.status()).isEqualTo(AlertStatus.FIRING);
                assertThat(state.notifiedPeriod()).isEqualTo(PERIOD);
            }
            int cmp = value.compareTo(threshold);
            reached |= firesAbove ? cmp >= 0 : cmp <= 0;
        }

        assertThat(notifications).isLessThanOrEqualTo(1);
        assertThat(notifications == 1).isEqualTo(reached);
    }

    @Property(tries = 1000)
    void aValueThatReachesTheThresholdIsAlwaysFiringAndOneFarOnTheSafeSideNever(
            @ForAll @Size(min = 1, max = 30) List<@BigRange(min = "0", max = "200") @Scale(2) BigDecimal> values,
            @ForAll @BigRange(min = "50", max = "150") @Scale(2) BigDecimal threshold,
            @ForAll @BigRange(min = "0", max = "20") @Scale(2) BigDecimal hysteresis) {
        AlertState state = null;
        Instant now = PERIOD;
        for (BigDecimal value : values) {
            now = now.plusSeconds(60);
            state = AlertStateMachine.evaluate(state, true, value, threshold, null, hysteresis, PERIOD, now).next();
            if (value.compareTo(threshold) >= 0) {
                assertThat(state.status()).isEqualTo(AlertStatus.FIRING);
            } else if (value.compareTo(threshold.subtract(hysteresis)) < 0) {
                assertThat(state.status()).isEqualTo(AlertStatus.OK);
            }
        }
    }
}
