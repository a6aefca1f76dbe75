package io.meterline.projection.forecast;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * The prediction interval, from the method's own past errors rather than from an assumed distribution: the method is
 * re-run at past cut points inside the history (every 24 hours over the last 4 weeks, at the same time of day as now),
 * each forecasting the next H hours (H = the hours left in the period, capped by the history after the cut), and its
 * relative errors (actual / predicted − 1) give the empirical quantiles (1 − coverage) / 2 and 1 − (1 − coverage) / 2.
 *
 * <p>A backtest whose horizon had to be capped below H is scaled to H by √(horizon / H), as the relative error of a sum
 * of independent hours shrinks: otherwise the short horizons near now would make early-period intervals far too wide.
 * With fewer than {@link #MIN_ERRORS} backtests the interval is a wide ±{@link #DEFAULT_HALF_WIDTH} of the remaining
 * part, except for a flat history (every hour equal, at least a day of it), which is taken to stay flat.
 */
final class ErrorCalibration {

    static final int MIN_ERRORS = 5;
    static final int VARIANT = Integer.getInteger("variant", 0);
    static final BigDecimal DEFAULT_HALF_WIDTH = new BigDecimal("0.5");
    static final int STEP_HOURS = 24;
    static final int MAX_CUTS = 28;
    private static final MathContext MC = SeasonalModel.MC;
    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    private static final BigDecimal[] ROOTS = new BigDecimal[MAX_CUTS * STEP_HOURS + 1];

    static {
        for (int hours = 0; hours < ROOTS.length; hours++) {
            ROOTS[hours] = BigDecimal.valueOf(hours).sqrt(MC);
        }
    }

    /** Relative adjustments of the remaining part: low ≤ 0 ≤ high, low ≥ −1. */
    record Band(BigDecimal low, BigDecimal high) {
        static final Band NONE = new Band(BigDecimal.ZERO, BigDecimal.ZERO);
        static final Band DEFAULT = new Band(DEFAULT_HALF_WIDTH.negate(), DEFAULT_HALF_WIDTH);
    }

    private ErrorCalibration() {
    }

    /** The band for a forecast of {@code horizon} hours from this history (at least a day of it). */
    static Band band(HourGrid grid, int horizon, BigDecimal coverage) {
        BigDecimal[] errors = scaledErrors(grid, horizon);
        if (errors.length < MIN_ERRORS) {
            return grid.isFlat() ? Band.NONE : Band.DEFAULT;
        }
        if (VARIANT == 4 || VARIANT == 6) {
            for (int i = 0; i < errors.length; i++) errors[i] = errors[i].abs();
            Arrays.sort(errors);
            BigDecimal hw = quantile(errors, coverage).divide(root(horizon), MC);
            return new Band(hw.negate().max(BigDecimal.ONE.negate()), hw);
        }
        if (VARIANT == 5) {
            BigDecimal mean = BigDecimal.ZERO; for (BigDecimal e : errors) mean = mean.add(e);
            mean = mean.divide(BigDecimal.valueOf(errors.length), MC);
            for (int i = 0; i < errors.length; i++) errors[i] = errors[i].subtract(mean);
        }
        Arrays.sort(errors);
        BigDecimal tail = BigDecimal.ONE.subtract(coverage).divide(TWO, MC);
        BigDecimal root = root(horizon);
        BigDecimal low = quantile(errors, tail).divide(root, MC);
        BigDecimal high = quantile(errors, BigDecimal.ONE.subtract(tail)).divide(root, MC);
        return new Band(low.min(BigDecimal.ZERO).max(BigDecimal.ONE.negate()), high.max(BigDecimal.ZERO));
    }

    /**
     * Backtest errors, each times √(its horizon). The method is re-fitted at every cut from the history before it,
     * incrementally (cuts in time order), on a long-valued copy of the history so that one backtest costs a few
     * hundred long additions and a handful of decimal divisions.
     */
    static BigDecimal[] scaledErrors(HourGrid grid, int horizon) {
        int n = grid.size();
        int cuts = Math.min(MAX_CUTS, (n - Forecaster.MIN_HISTORY_HOURS) / STEP_HOURS);
        if (cuts < 1 || horizon < 1) {
            return new BigDecimal[0];
        }
        long[] prefix = grid.quantizedPrefix();
        int[] slots = grid.slots;
        long[] sums = new long[HourOfWeek.SLOTS];
        int[] counts = new int[HourOfWeek.SLOTS];
        long[] scaledMeans = new long[HourOfWeek.SLOTS];
        BigDecimal[] errors = new BigDecimal[cuts];
        int found = 0;
        int fitted = 0;
        int back = VARIANT >= 2 ? Math.max(0, Math.min(horizon, n - 168) / STEP_HOURS * STEP_HOURS) : 0;
        if (VARIANT >= 2) { cuts = Math.min(MAX_CUTS, (n - back - Forecaster.MIN_HISTORY_HOURS) / STEP_HOURS); if (cuts < 1) return new BigDecimal[0]; }
        for (int k = cuts; k >= 1; k--) {
            int cut = n - back - k * STEP_HOURS;
            for (; fitted < cut; fitted++) {
                int slot = slots[fitted];
                sums[slot] += prefix[fitted + 1] - prefix[fitted];
                counts[slot]++;
                scaledMeans[slot] = SeasonalModel.SCALE_INT % counts[slot] == 0
                        ? sums[slot] * (SeasonalModel.SCALE_INT / counts[slot])
                        : sums[slot] * SeasonalModel.SCALE_INT / counts[slot];
            }
            int window = Math.min(SeasonalModel.LEVEL_WINDOW_HOURS, cut);
            long windowProfile = 0;
            for (int i = cut - window; i < cut; i++) {
                windowProfile += scaledMeans[slots[i]];
            }
            int hours = Math.min(horizon, n - cut);
            long horizonProfile = 0;
            int uncovered = 0;
            for (int i = cut; i < cut + hours; i++) {
                int slot = slots[i];
                if (counts[slot] == 0) {
                    uncovered++;
                } else {
                    horizonProfile += scaledMeans[slot];
                }
            }
            BigDecimal predicted = SeasonalModel.combine(BigDecimal.valueOf(prefix[cut] - prefix[cut - window]),
                    window, BigDecimal.valueOf(windowProfile), BigDecimal.valueOf(horizonProfile),
                    BigDecimal.valueOf(uncovered), BigDecimal.valueOf(hours), SeasonalModel.weight(cut));
            long actual = prefix[cut + hours] - prefix[cut];
            if (predicted.signum() == 0) {
                if (actual == 0) {
                    errors[found++] = BigDecimal.ZERO;
                }
                continue; // a relative error of a zero forecast does not exist
            }
            BigDecimal error = BigDecimal.valueOf(actual).divide(predicted, MC).subtract(BigDecimal.ONE);
            if (VARIANT == 1 || VARIANT == 4 || VARIANT == 5) { error = error.multiply(root(horizon), MC); }
            if (VARIANT == 3) { error = error.multiply(root(horizon), MC); }
            errors[found++] = error.signum() == 0 ? error : VARIANT == 0 ? error.multiply(root(hours), MC) : error;
        }
        return Arrays.copyOf(errors, found);
    }

    /** Empirical quantile of sorted values, linear between order statistics (Hyndman–Fan type 7). */
    static BigDecimal quantile(BigDecimal[] sorted, BigDecimal p) {
        BigDecimal position = p.multiply(BigDecimal.valueOf(sorted.length - 1L));
        int below = position.setScale(0, RoundingMode.FLOOR).intValueExact();
        if (below >= sorted.length - 1) {
            return sorted[sorted.length - 1];
        }
        BigDecimal fraction = position.subtract(BigDecimal.valueOf(below));
        return sorted[below].add(fraction.multiply(sorted[below + 1].subtract(sorted[below])), MC);
    }

    private static BigDecimal root(int hours) {
        return hours < ROOTS.length ? ROOTS[hours] : BigDecimal.valueOf(hours).sqrt(MC);
    }
}
