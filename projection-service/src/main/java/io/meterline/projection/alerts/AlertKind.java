package io.meterline.projection.alerts;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * What an alert rule measures, and in which direction it fires. Every kind compares one {@link BigDecimal} value
 * against the rule's threshold; {@link #firesAbove()} tells {@link AlertStateMachine} whether crossing means rising to
 * the threshold ({@code value >= threshold}) or falling to it ({@code value <= threshold}).
 */
public enum AlertKind {

    /** Usage so far in the period (in the metric's unit) at or above the threshold. */
    USAGE_THRESHOLD(true),

    /** Metered cost so far in the period (in the contract currency) at or above the threshold. */
    COST_THRESHOLD(true),

    /** Current consumption as a percentage of the commit (0–100+) at or above the threshold. */
    PERCENT_OF_COMMIT(true),

    /** Projected end-of-period consumption as a percentage of the commit at or above the threshold (e.g. 100). */
    PROJECTED_OVERAGE(true),

    /** Projected unused share of the commit at period end, in percent, at or above the threshold. */
    PROJECTED_SHORTFALL(true),

    /** Margin in percent at or BELOW the threshold: the only kind that fires downwards. */
    MARGIN_BELOW(false),

    /**
     * Robust z-score ({@link RobustBaseline#zScore}) of this period's cost per unit against the trailing baseline at or
     * above the threshold (default {@link RobustBaseline#DEFAULT_Z_THRESHOLD}, 3.5).
     */
    COST_PER_UNIT_ANOMALY(true);

    private final boolean firesAbove;

    AlertKind(boolean firesAbove) {
        this.firesAbove = firesAbove;
    }

    /**
     * @return {@code true} when the rule fires as the value rises to the threshold ({@code value >= threshold}),
     *         {@code false} when it fires as the value falls to it ({@code value <= threshold}; only
     *         {@link #MARGIN_BELOW})
     */
    public boolean firesAbove() {
        return firesAbove;
    }

    /**
     * @return the threshold to use when a rule of this kind is created without one: 3.5 for
     *         {@link #COST_PER_UNIT_ANOMALY}, empty for every other kind (their thresholds are always customer-chosen)
     */
    public Optional<BigDecimal> defaultThreshold() {
        return this == COST_PER_UNIT_ANOMALY ? Optional.of(RobustBaseline.DEFAULT_Z_THRESHOLD) : Optional.empty();
    }
}
