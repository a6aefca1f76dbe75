package io.meterline.projection.forecast;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * The prediction interval, from the method's own past errors rather than an assumed distribution: the method is
 * re-run at past cut points inside the history (every 24 hours back from now, over the last 4 weeks), each
 * forecasting the next H hours (H = the hours left in the period, capped by the history after the cut), and the
 * relative errors |actual / predicted − 1| give the interval's half-width as their empirical {@code coverage}
 * quantile, applied to the remaining part.
 *
 * <p>Why symmetric, from absolute errors, rather than the (1 − coverage) / 2 and 1 − (1 − coverage) / 2 quantiles
 * of the signed errors: the backtests of one series share most of their data, so their signed errors mostly share a
 * sign and their centre says little; worse, the days that made the past forecasts err high are the level window of
 * the current one, which then errs low. On the synthetic series of {@code ForecastAccuracy}, signed quantiles
 * covered 58–68 % at nominal 80 %; absolute errors cover 80–91 %. Capped horizons are not rescaled to H (by
 * √(horizon / H), as for independent hours): most of the error is the level, which longer horizons do not average
 * out; rescaling made the coverage worse.
 *
 * <p>With fewer than {@link #MIN_ERRORS} backtests (under 6 days of history) the interval is a wide
 * ±{@link #DEFAULT_HALF_WIDTH} of the remaining part, except after a flat history (every hour equal, at least a day
 * of it), which is taken to stay flat.
 *
 * <p>The backtests are part of the fit: a {@link ForecastModel} stores the half-width (or its absence and the
 * flatness), and applying the model later uses it as is, for the remaining part as of then.
 */
final class ErrorCalibration {

    static final int MIN_ERRORS = 5;
    static final BigDecimal DEFAULT_HALF_WIDTH = new BigDecimal("0.5");
    static final int STEP_HOURS = 24;
    static final int MAX_CUTS = 28;
    private static final MathContext MC = SeasonalModel.MC;

    /** Relative adjustments of the remaining part: −1 ≤ low ≤ 0 ≤ high. */
    record Band(BigDecimal low, BigDecimal high) {
        static final Band NONE = new Band(BigDecimal.ZERO, BigDecimal.ZERO);
        static final Band DEFAULT = new Band(DEFAULT_HALF_WIDTH.negate(), DEFAULT_HALF_WIDTH);
    }

    private ErrorCalibration() {
    }

    /**
     * The calibrated half-width for a forecast of {@code horizon} hours from this history (at least a day of it), or
     * null with fewer than {@link #MIN_ERRORS} backtests: then {@link #band} applies the default rule.
     */
    static BigDecimal halfWidth(HourGrid grid, int horizon, BigDecimal coverage) {
        BigDecimal[] errors = absoluteErrors(grid, horizon);
        if (errors.length < MIN_ERRORS) {
            return null;
        }
        Arrays.sort(errors);
        return quantile(errors, coverage);
    }

    /** The band of a calibrated half-width, or without one (null) the default rule: zero after a flat history. */
    static Band band(BigDecimal halfWidth, boolean flatHistory) {
        if (halfWidth == null) {
            return flatHistory ? Band.NONE : Band.DEFAULT;
        }
        return new Band(halfWidth.negate().max(BigDecimal.ONE.negate()), halfWidth);
    }

    /**
     * |actual / predicted − 1| of the backtests. The method is re-fitted at every cut from the history before it,
     * incrementally (cuts in time order), on long units, so one backtest costs a few hundred long additions and two
     * or three decimal divisions; {@link SeasonalModel#combine} does the same arithmetic as the real forecast.
     */
    static BigDecimal[] absoluteErrors(HourGrid grid, int horizon) {
        int n = grid.size();
        int cuts = Math.min(MAX_CUTS, (n - Forecaster.MIN_HISTORY_HOURS) / STEP_HOURS);
        if (cuts < 1 || horizon < 1) {
            return new BigDecimal[0];
        }
        long[] prefix = grid.coarsePrefix();
        int[] slots = grid.slots;
        long[] sums = new long[HourOfWeek.SLOTS];
        int[] counts = new int[HourOfWeek.SLOTS];
        long[] scaledMeans = new long[HourOfWeek.SLOTS]; // mean × SCALE, 0 where no hour yet
        int covered = 0;
        BigDecimal[] errors = new BigDecimal[cuts];
        int found = 0;
        int fitted = 0;
        for (int k = cuts; k >= 1; k--) {
            int cut = n - k * STEP_HOURS;
            for (; fitted < cut; fitted++) {
                int slot = slots[fitted];
                sums[slot] += prefix[fitted + 1] - prefix[fitted];
                if (counts[slot]++ == 0) {
                    covered++;
                }
                scaledMeans[slot] = SeasonalModel.SCALE_INT % counts[slot] == 0
                        ? sums[slot] * (SeasonalModel.SCALE_INT / counts[slot])
                        : sums[slot] * SeasonalModel.SCALE_INT / counts[slot];
            }
            int window = Math.min(SeasonalModel.LEVEL_WINDOW_HOURS, cut);
            long windowProfile = 0;
            for (int i = cut - window; i < cut; i++) {
                windowProfile += scaledMeans[slots[i]];
            }
            int hours = Math.min(horizon, k * STEP_HOURS);
            long horizonProfile = 0;
            int uncovered = 0;
            for (int i = cut; i < cut + hours; i++) {
                horizonProfile += scaledMeans[slots[i]];
            }
            if (covered < HourOfWeek.SLOTS) {
                for (int i = cut; i < cut + hours; i++) {
                    if (counts[slots[i]] == 0) {
                        uncovered++;
                    }
                }
            }
            BigDecimal predicted = SeasonalModel.combine(BigDecimal.valueOf(prefix[cut] - prefix[cut - window]),
                    window, BigDecimal.valueOf(windowProfile), BigDecimal.valueOf(horizonProfile),
                    BigDecimal.valueOf(uncovered), BigDecimal.valueOf(hours), SeasonalModel.weight(cut));
            long actual = prefix[cut + hours] - prefix[cut];
            if (predicted.signum() != 0) {
                errors[found++] = BigDecimal.valueOf(actual).divide(predicted, MC).subtract(BigDecimal.ONE).abs();
            } else if (actual == 0) {
                errors[found++] = BigDecimal.ZERO;
            } // else: a zero forecast has no relative error
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
}
