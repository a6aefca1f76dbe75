package io.meterline.projection.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.meterline.projection.alerts.AlertStateMachine.AlertState;
import io.meterline.projection.alerts.AlertStateMachine.Evaluation;

class AlertStateMachineTest {

    private static final Instant P1 = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant P2 = Instant.parse("2026-12-01T00:00:00Z");

    /** A rule plus the running state of one scope, advancing the clock one minute per evaluation. */
    private static final class Scope {
        final boolean firesAbove;
        final BigDecimal threshold;
        final BigDecimal warningAt;
        final BigDecimal hysteresis;
        AlertState state;
        Instant now;
        final List<Evaluation> history = new ArrayList<>();

        Scope(boolean firesAbove, String threshold, String warningAt, String hysteresis, Instant start) {
            this.firesAbove = firesAbove;
            this.threshold = new BigDecimal(threshold);
            this.warningAt = warningAt == null ? null : new BigDecimal(warningAt);
            this.hysteresis = new BigDecimal(hysteresis);
            this.now = start;
        }

        Evaluation eval(String value) {
            return eval(value, periodOf(now));
        }

        Evaluation eval(String value, Instant periodStart) {
            now = now.plus(Duration.ofMinutes(1));
            Evaluation evaluation = AlertStateMachine.evaluate(state, firesAbove, new BigDecimal(value), threshold,
                    warningAt, hysteresis, periodStart, now);
            state = evaluation.next();
            history.add(evaluation);
            return evaluation;
        }

        long notifications() {
            return history.stream().filter(Evaluation::shouldNotify).count();
        }

        long changes() {
            return history.stream().filter(Evaluation::changed).count();
        }

        private static Instant periodOf(Instant now) {
            return now.isBefore(P2) ? P1 : P2;
        }
    }

    private static Scope above(String threshold, String warningAt, String hysteresis) {
        return new Scope(true, threshold, warningAt, hysteresis, P1.plus(Duration.ofDays(1)));
    }

    @Test
    void crossesUpThroughWarningToFiringAndNotifiesOnce() {
        Scope scope = above("100", "80", "5");

        Evaluation first = scope.eval("50");
        assertThat(first.next().status()).isEqualTo(AlertStatus.OK);
        assertThat(first.changed()).isFalse();
        assertThat(first.shouldNotify()).isFalse();
        assertThat(first.next().since()).isEqualTo(scope.now);
        assertThat(first.next().notifiedPeriod()).isNull();

        Evaluation warning = scope.eval("85");
        assertThat(warning.next().status()).isEqualTo(AlertStatus.WARNING);
        assertThat(warning.changed()).isTrue();
        assertThat(warning.shouldNotify()).isFalse();
        assertThat(warning.next().since()).isEqualTo(scope.now);

        Instant firedAt = scope.now.plus(Duration.ofMinutes(1));
        Evaluation firing = scope.eval("100");
        assertThat(firing.next()).isEqualTo(new AlertState(AlertStatus.FIRING, firedAt, P1));
        assertThat(firing.changed()).isTrue();
        assertThat(firing.shouldNotify()).isTrue();

        Evaluation stillFiring = scope.eval("120");
        assertThat(stillFiring.next()).isSameAs(firing.next());
        assertThat(stillFiring.changed()).isFalse();
        assertThat(stillFiring.shouldNotify()).isFalse();

        assertThat(scope.notifications()).isEqualTo(1);
    }

    @Test
    void goingUpIsImmediateEvenStraightFromOkToFiring() {
        Scope scope = above("100", "80", "5");
        scope.eval("10");
        Evaluation evaluation = scope.eval("150");
        assertThat(evaluation.next().status()).isEqualTo(AlertStatus.FIRING);
        assertThat(evaluation.changed()).isTrue();
        assertThat(evaluation.shouldNotify()).isTrue();
    }

    @Test
    void firstEvaluationThatFiresIsAChangeAndNotifies() {
        Instant now = P1.plusSeconds(60);
        Evaluation evaluation = AlertStateMachine.evaluate(null, true, new BigDecimal("100"), new BigDecimal("100"),
                null, BigDecimal.ZERO, P1, now);
        assertThat(evaluation.next()).isEqualTo(new AlertState(AlertStatus.FIRING, now, P1));
        assertThat(evaluation.changed()).isTrue();
        assertThat(evaluation.shouldNotify()).isTrue();
    }

    @Test
    void hoveringAtTheThresholdDoesNotFlap() {
        Scope scope = above("100", "90", "1");
        for (int i = 0; i < 20; i++) {
            scope.eval(i % 2 == 0 ? "99.9999" : "100.0001");
        }
        // The first value is below the threshold (WARNING), the second fires, and it then holds FIRING.
        assertThat(scope.history.get(0).next().status()).isEqualTo(AlertStatus.WARNING);
        assertThat(scope.history.subList(1, 20)).allSatisfy(e -> assertThat(e.next().status())
                .isEqualTo(AlertStatus.FIRING));
        assertThat(scope.changes()).isEqualTo(2); // OK→WARNING, WARNING→FIRING
        assertThat(scope.notifications()).isEqualTo(1);
    }

    @Test
    void withoutHysteresisTheSameHoverFlaps() {
        Scope scope = above("100", null, "0");
        for (int i = 0; i < 20; i++) {
            scope.eval(i % 2 == 0 ? "99.9999" : "100.0001");
        }
        assertThat(scope.changes()).isEqualTo(19);
        // Still one notification: the period key alone prevents repeated notifications.
        assertThat(scope.notifications()).isEqualTo(1);
    }

    @Test
    void crossesDownOnlyOnceBeyondTheBand() {
        Scope scope = above("100", null, "5");
        scope.eval("100");
        assertThat(scope.eval("96").next().status()).isEqualTo(AlertStatus.FIRING);
        assertThat(scope.eval("95").next().status()).isEqualTo(AlertStatus.FIRING); // exactly threshold − band
        Instant recoveredAt = scope.now.plus(Duration.ofMinutes(1));
        Evaluation recovered = scope.eval("94.99");
        assertThat(recovered.next().status()).isEqualTo(AlertStatus.OK);
        assertThat(recovered.changed()).isTrue();
        assertThat(recovered.shouldNotify()).isFalse();
        assertThat(recovered.next().since()).isEqualTo(recoveredAt);
        assertThat(recovered.next().notifiedPeriod()).isEqualTo(P1);
    }

    @Test
    void crossesDownFromFiringToWarningAndThenToOkWithTheBandOnBothLevels() {
        Scope scope = above("100", "80", "5");
        scope.eval("100");
        Evaluation warning = scope.eval("90");
        assertThat(warning.next().status()).isEqualTo(AlertStatus.WARNING);
        assertThat(warning.changed()).isTrue();
        assertThat(warning.shouldNotify()).isFalse();
        assertThat(scope.eval("76").next().status()).isEqualTo(AlertStatus.WARNING); // within 80 − 5
        assertThat(scope.eval("75").next().status()).isEqualTo(AlertStatus.WARNING);
        assertThat(scope.eval("74.9").next().status()).isEqualTo(AlertStatus.OK);
    }

    @Test
    void fallingFromFiringStraightBelowBothBandsGoesToOk() {
        Scope scope = above("100", "80", "5");
        scope.eval("100");
        Evaluation evaluation = scope.eval("10");
        assertThat(evaluation.next().status()).isEqualTo(AlertStatus.OK);
        assertThat(evaluation.changed()).isTrue();
    }

    @Test
    void reCrossingInTheSamePeriodDoesNotNotifyAgain() {
        Scope scope = above("100", null, "5");
        assertThat(scope.eval("110").shouldNotify()).isTrue();
        assertThat(scope.eval("50").next().status()).isEqualTo(AlertStatus.OK);

        Evaluation again = scope.eval("110");
        assertThat(again.next().status()).isEqualTo(AlertStatus.FIRING);
        assertThat(again.changed()).isTrue();
        assertThat(again.shouldNotify()).isFalse();
        assertThat(again.next().notifiedPeriod()).isEqualTo(P1);
        assertThat(scope.notifications()).isEqualTo(1);
    }

    @Test
    void stillFiringInTheNextPeriodNotifiesOnceMore() {
        Scope scope = above("100", null, "5");
        scope.eval("110", P1);
        Instant firedAt = scope.state.since();

        Evaluation nextPeriod = scope.eval("110", P2);
        assertThat(nextPeriod.shouldNotify()).isTrue();
        assertThat(nextPeriod.changed()).isFalse();
        assertThat(nextPeriod.next()).isEqualTo(new AlertState(AlertStatus.FIRING, firedAt, P2));

        assertThat(scope.eval("120", P2).shouldNotify()).isFalse();
        assertThat(scope.notifications()).isEqualTo(2);
    }

    @Test
    void firingAgainInTheNextPeriodAfterRecoveringNotifies() {
        Scope scope = above("100", null, "5");
        scope.eval("110", P1);
        scope.eval("10", P1);
        assertThat(scope.eval("10", P2).shouldNotify()).isFalse();
        Evaluation fired = scope.eval("100", P2);
        assertThat(fired.shouldNotify()).isTrue();
        assertThat(fired.next().notifiedPeriod()).isEqualTo(P2);
    }

    @Test
    void aLateEvaluationForAnEarlierPeriodNeverNotifies() {
        Scope scope = above("100", null, "0");
        scope.eval("110", P2);
        scope.eval("10", P2);
        Evaluation late = scope.eval("110", P1);
        assertThat(late.shouldNotify()).isFalse();
        assertThat(late.next().notifiedPeriod()).isEqualTo(P2);
        assertThat(scope.eval("110", P2).shouldNotify()).isFalse();
    }

    @Test
    void belowDirectionRuleFiresAsMarginFalls() {
        assertThat(AlertKind.MARGIN_BELOW.firesAbove()).isFalse();
        Scope scope = new Scope(AlertKind.MARGIN_BELOW.firesAbove(), "10", "20", "2", P1.plusSeconds(3600));

        assertThat(scope.eval("30").next().status()).isEqualTo(AlertStatus.OK);
        assertThat(scope.eval("20").next().status()).isEqualTo(AlertStatus.WARNING);
        assertThat(scope.eval("15").next().status()).isEqualTo(AlertStatus.WARNING);
        Evaluation firing = scope.eval("10");
        assertThat(firing.next().status()).isEqualTo(AlertStatus.FIRING);
        assertThat(firing.shouldNotify()).isTrue();
        assertThat(scope.eval("12").next().status()).isEqualTo(AlertStatus.FIRING); // within 10 + 2
        assertThat(scope.eval("9.99").shouldNotify()).isFalse();
        assertThat(scope.eval("12.01").next().status()).isEqualTo(AlertStatus.WARNING);
        assertThat(scope.eval("22").next().status()).isEqualTo(AlertStatus.WARNING); // within 20 + 2
        Evaluation ok = scope.eval("22.01");
        assertThat(ok.next().status()).isEqualTo(AlertStatus.OK);
        assertThat(ok.changed()).isTrue();
        assertThat(scope.notifications()).isEqualTo(1);
    }

    @Test
    void withoutAWarningLevelItGoesStraightBetweenOkAndFiring() {
        Scope scope = above("100", null, "5");
        for (String value : new String[] { "0", "50", "99.99" }) {
            assertThat(scope.eval(value).next().status()).isEqualTo(AlertStatus.OK);
        }
        assertThat(scope.eval("100").next().status()).isEqualTo(AlertStatus.FIRING);
        assertThat(scope.eval("94.99").next().status()).isEqualTo(AlertStatus.OK);
        assertThat(scope.history).noneMatch(e -> e.next().status() == AlertStatus.WARNING);
    }

    @Test
    void warningAtEqualToTheThresholdNeverWarns() {
        Scope scope = above("100", "100", "0");
        assertThat(scope.eval("99").next().status()).isEqualTo(AlertStatus.OK);
        assertThat(scope.eval("100").next().status()).isEqualTo(AlertStatus.FIRING);
    }

    @Test
    void anUnchangedEvaluationReturnsTheCurrentState() {
        AlertState current = new AlertState(AlertStatus.WARNING, P1, null);
        Evaluation evaluation = AlertStateMachine.evaluate(current, true, new BigDecimal("85"), new BigDecimal("100"),
                new BigDecimal("80"), BigDecimal.ONE, P1, P1.plusSeconds(600));
        assertThat(evaluation.next()).isSameAs(current);
        assertThat(evaluation.changed()).isFalse();
        assertThat(evaluation.shouldNotify()).isFalse();
    }

    @Test
    void rejectsABadRule() {
        BigDecimal hundred = new BigDecimal("100");
        assertThatThrownBy(() -> AlertStateMachine.evaluate(null, true, hundred, hundred, null, new BigDecimal("-1"),
                P1, P1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AlertStateMachine.evaluate(null, true, hundred, hundred, new BigDecimal("101"),
                BigDecimal.ZERO, P1, P1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AlertStateMachine.evaluate(null, false, hundred, hundred, new BigDecimal("99"),
                BigDecimal.ZERO, P1, P1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AlertStateMachine.evaluate(null, true, null, hundred, null, BigDecimal.ZERO, P1, P1))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new AlertState(null, P1, null)).isInstanceOf(NullPointerException.class);
    }
}
