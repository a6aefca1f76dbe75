package io.meterline.projection.alerts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * The pure state machine behind every alert rule: given the stored state of one rule for one scope and the value just
 * measured, it decides the next {@link AlertStatus}, whether that is a state change, and whether to notify. It holds no
 * state and reads no clock; the caller passes the period and the current instant and stores {@link Evaluation#next()}.
 *
 * <h2>Levels</h2>
 * A value <em>reaches</em> a level when it is {@code >= level} for rules that fire above
 * ({@link AlertKind#firesAbove()}) and {@code <= level} for rules that fire below ({@link AlertKind#MARGIN_BELOW}).
 * The next status is
 * <ul>
 * <li>{@link AlertStatus#FIRING} when the value reaches the threshold;</li>
 * <li>{@link AlertStatus#WARNING} when the value reaches {@code warningAt} (if there is one) but not the
 * threshold;</li>
 * <li>{@link AlertStatus#OK} otherwise.</li>
 * </ul>
 *
 * <h2>Hysteresis</h2>
 * Going up (OK → WARNING → FIRING, or straight to FIRING) is immediate. Going down is damped by the absolute band
 * {@code hysteresis} so that a value hovering at a level does not flap: a rule that is FIRING stays FIRING while the
 * value still reaches {@code threshold − hysteresis} (above-rules) or {@code threshold + hysteresis} (below-rules); a
 * rule that is WARNING or FIRING keeps at least WARNING while the value still reaches {@code warningAt ∓ hysteresis}.
 * So an above-rule only leaves FIRING once {@code value < threshold − hysteresis}. With {@code hysteresis = 0} there
 * is no damping.
 *
 * <h2>Notification</h2>
 * Only FIRING notifies, and at most once per period per scope: {@link Evaluation#shouldNotify()} is {@code true} when
 * the next status is FIRING and no notification has been sent yet for {@code periodStart}, i.e. {@code notifiedPeriod}
 * is {@code null} or before {@code periodStart}; {@code next.notifiedPeriod} then becomes {@code periodStart}.
 * Consequences:
 * <ul>
 * <li>Entering WARNING and recovering to OK are state changes ({@link Evaluation#changed()}) that never notify.</li>
 * <li>Firing, recovering and firing again in the same period notifies only the first time.</li>
 * <li>A rule still (or again) FIRING when a new period starts notifies once more, for the new period. This includes a
 * value that is only held FIRING by the hysteresis band.</li>
 * <li>A late evaluation for a period <em>before</em> {@code notifiedPeriod} never notifies (and does not move
 * {@code notifiedPeriod} back), so out-of-order evaluations cannot cause duplicate notifications.</li>
 * </ul>
 */
public final class AlertStateMachine {

    private AlertStateMachine() {
    }

    /**
     * The stored state of one alert rule for one scope.
     *
     * @param status         the current status
     * @param since          the instant {@code status} was entered (the {@code now} of the evaluation that changed it,
     *                       or of the very first evaluation)
     * @param notifiedPeriod the period start of the last notification, or {@code null} if none was ever sent
     */
    public record AlertState(AlertStatus status, Instant since, Instant notifiedPeriod) {
        /**
         * Requires {@code status} and {@code since}.
         *
         * @param status         the current status
         * @param since          the instant {@code status} was entered
         * @param notifiedPeriod the period start of the last notification, or {@code null}
         */
        public AlertState {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(since, "since");
        }
    }

    /**
     * The outcome of one evaluation.
     *
     * <p>
     * (The flag is {@code shouldNotify} because a record component cannot be named {@code notify}: it would clash with
     * {@link Object#notify()}.)
     *
     * @param next         the state to store. When neither {@code changed} nor {@code shouldNotify} is true and a
     *                     current state was given, this is that same state, so storing it unconditionally is always
     *                     correct.
     * @param changed      {@code true} when the status differs from the current one. The first evaluation
     *                     ({@code current == null}) counts as coming from OK, so it is a change only when it yields
     *                     WARNING or FIRING.
     * @param shouldNotify {@code true} when a notification must be sent now (FIRING, first time in this period)
     */
    public record Evaluation(AlertState next, boolean changed, boolean shouldNotify) {
        /**
         * Requires {@code next}.
         *
         * @param next         the state to store
         * @param changed      whether the status changed
         * @param shouldNotify whether to notify now
         */
        public Evaluation {
            Objects.requireNonNull(next, "next");
        }
    }

    /**
     * Evaluates one rule for one scope. See the class documentation for the exact rules.
     *
     * @param current     the stored state, or {@code null} if the rule was never evaluated for this scope
     * @param firesAbove  the direction of the rule ({@link AlertKind#firesAbove()})
     * @param value       the value just measured
     * @param threshold   the level at which the rule fires
     * @param warningAt   the level at which the rule warns, or {@code null} for no warning level; it must not be past
     *                    {@code threshold} in the firing direction (equal is allowed, and then never warns)
     * @param hysteresis  the absolute band, {@code >= 0}, the value must move back past a level before the status drops
     * @param periodStart the start of the period the value belongs to (the notification key)
     * @param now         the instant of this evaluation
     * @return the next state and what happened
     * @throws NullPointerException     if any argument other than {@code current} and {@code warningAt} is null
     * @throws IllegalArgumentException if {@code hysteresis} is negative or {@code warningAt} is past {@code threshold}
     */
    public static Evaluation evaluate(AlertState current, boolean firesAbove, BigDecimal value, BigDecimal threshold,
            BigDecimal warningAt, BigDecimal hysteresis, Instant periodStart, Instant now) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(threshold, "threshold");
        Objects.requireNonNull(hysteresis, "hysteresis");
        Objects.requireNonNull(periodStart, "periodStart");
        Objects.requireNonNull(now, "now");
        if (hysteresis.signum() < 0) {
            throw new IllegalArgumentException("hysteresis must be >= 0, was " + hysteresis);
        }
        if (warningAt != null && warningAt.compareTo(threshold) != 0 && reaches(firesAbove, warningAt, threshold)) {
            throw new IllegalArgumentException("warningAt " + warningAt + " is past threshold " + threshold
                    + " for a rule that fires " + (firesAbove ? "above" : "below"));
        }

        AlertStatus previous = current == null ? AlertStatus.OK : current.status();
        AlertStatus status = classify(previous, firesAbove, value, threshold, warningAt, hysteresis);
        boolean changed = status != previous;

        Instant notifiedPeriod = current == null ? null : current.notifiedPeriod();
        boolean notify = status == AlertStatus.FIRING
                && (notifiedPeriod == null || periodStart.isAfter(notifiedPeriod));
        if (notify) {
            notifiedPeriod = periodStart;
        }

        AlertState next;
        if (current != null && !changed && !notify) {
            next = current;
        } else {
            Instant since = current == null || changed ? now : current.since();
            next = new AlertState(status, since, notifiedPeriod);
        }
        return new Evaluation(next, changed, notify);
    }

    private static AlertStatus classify(AlertStatus previous, boolean firesAbove, BigDecimal value,
            BigDecimal threshold, BigDecimal warningAt, BigDecimal hysteresis) {
        BigDecimal fireLevel = previous == AlertStatus.FIRING ? relax(firesAbove, threshold, hysteresis) : threshold;
        if (reaches(firesAbove, value, fireLevel)) {
            return AlertStatus.FIRING;
        }
        if (warningAt != null) {
            BigDecimal warnLevel = previous != AlertStatus.OK ? relax(firesAbove, warningAt, hysteresis) : warningAt;
            if (reaches(firesAbove, value, warnLevel)) {
                return AlertStatus.WARNING;
            }
        }
        return AlertStatus.OK;
    }

    /** The level moved back by the band, away from the firing direction. */
    private static BigDecimal relax(boolean firesAbove, BigDecimal level, BigDecimal hysteresis) {
        return firesAbove ? level.subtract(hysteresis) : level.add(hysteresis);
    }

    private static boolean reaches(boolean firesAbove, BigDecimal value, BigDecimal level) {
        int cmp = value.compareTo(level);
        return firesAbove ? cmp >= 0 : cmp <= 0;
    }
}
