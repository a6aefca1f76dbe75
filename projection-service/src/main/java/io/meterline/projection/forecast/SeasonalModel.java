package io.meterline.projection.forecast;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * The forecasting method. Usage repeats weekly (business hours, nights, weekends), so each local hour-of-week slot
 * gets the mean of that slot over the history weeks that cover it; the whole profile is then scaled by the ratio of
 * the last 7 days' actual usage to what the profile says for them, so it follows the current level instead of an
 * 8-week average. A profile from few weeks is noisy, so it is shrunk toward the run-rate (mean hourly usage of the last
 * min(7 days, history)) with weight w = min(1, weeks / 4).
 *
 * <p>Slot means are kept multiplied by {@link #SCALE} = lcm(1..12), so a slot sum divided by its week count is an exact
 * integer multiple and nothing is rounded before the final division; a constant series therefore forecasts exactly.
 */
final class SeasonalModel {

    static final MathContext MC = MathContext.DECIMAL64;
    static final int SCALE_INT = 27_720;
    static final BigDecimal SCALE = BigDecimal.valueOf(SCALE_INT);
    static final int LEVEL_WINDOW_HOURS = 7 * 24;
    static final int FULL_WEIGHT_HOURS = 4 * HourOfWeek.SLOTS;
    private static final BigDecimal FULL_WEIGHT = BigDecimal.valueOf(FULL_WEIGHT_HOURS);

    /** Slot mean × SCALE, null where no history hour falls in the slot. */
    private final BigDecimal[] scaledMeans;
    private final BigDecimal windowActual;
    private final int windowHours;
    private final BigDecimal windowProfile;
    private final BigDecimal weight;

    private SeasonalModel(BigDecimal[] scaledMeans, BigDecimal windowActual, int windowHours,
            BigDecimal windowProfile, BigDecimal weight) {
        this.scaledMeans = scaledMeans;
        this.windowActual = windowActual;
        this.windowHours = windowHours;
        this.windowProfile = windowProfile;
        this.weight = weight;
    }

    static SeasonalModel fit(HourGrid grid) {
        int n = grid.size();
        long[] sums = new long[HourOfWeek.SLOTS];
        int[] counts = new int[HourOfWeek.SLOTS];
        for (int i = 0; i < n; i++) {
            int slot = grid.slots[i];
            sums[slot] += grid.units[i];
            counts[slot]++;
        }
        BigDecimal[] scaledMeans = new BigDecimal[HourOfWeek.SLOTS];
        for (int slot = 0; slot < HourOfWeek.SLOTS; slot++) {
            if (counts[slot] > 0) {
                BigDecimal sum = grid.decimal(sums[slot]);
                scaledMeans[slot] = SCALE_INT % counts[slot] == 0
                        ? sum.multiply(BigDecimal.valueOf(SCALE_INT / counts[slot]))
                        : sum.multiply(SCALE).divide(BigDecimal.valueOf(counts[slot]), MC);
            }
        }
        int window = Math.min(LEVEL_WINDOW_HOURS, n);
        BigDecimal windowProfile = BigDecimal.ZERO;
        for (int i = n - window; i < n; i++) {
            windowProfile = windowProfile.add(scaledMeans[grid.slots[i]]);
        }
        return new SeasonalModel(scaledMeans, grid.decimal(grid.sum(n - window, n)), window, windowProfile,
                weight(n));
    }

    /** Expected usage over the remaining hours. */
    BigDecimal expected(RemainingHours remaining) {
        BigDecimal profile = BigDecimal.ZERO;
        BigDecimal uncovered = BigDecimal.ZERO;
        int uncoveredWhole = 0;
        for (int slot = 0; slot < HourOfWeek.SLOTS; slot++) {
            int hours = remaining.wholeHours[slot];
            if (hours > 0) {
                if (scaledMeans[slot] == null) {
                    uncoveredWhole += hours;
                } else {
                    profile = profile.add(scaledMeans[slot].multiply(BigDecimal.valueOf(hours)));
                }
            }
        }
        for (int i = 0; i < remaining.partialSlots.length; i++) {
            BigDecimal mean = scaledMeans[remaining.partialSlots[i]];
            if (mean == null) {
                uncovered = uncovered.add(remaining.partialFractions[i]);
            } else {
                profile = profile.add(mean.multiply(remaining.partialFractions[i]));
            }
        }
        uncovered = uncovered.add(BigDecimal.valueOf(uncoveredWhole));
        return combine(windowActual, windowHours, windowProfile, profile, uncovered, remaining.hours, weight);
    }

    /**
     * The method's expected usage over a horizon, from its aggregates (shared with the backtests, so they test
     * exactly this arithmetic).
     *
     * @param windowActual actual usage of the last {@code windowHours} history hours
     * @param windowProfile the scaled profile summed over those hours
     * @param horizonProfile the scaled profile summed over the horizon's hours whose slot has history
     * @param uncoveredHours the horizon's hours whose slot has no history (they get the run-rate)
     * @param hours all the horizon's hours
     * @param weight the weight of the seasonal forecast against the run-rate
     */
    static BigDecimal combine(BigDecimal windowActual, int windowHours, BigDecimal windowProfile,
            BigDecimal horizonProfile, BigDecimal uncoveredHours, BigDecimal hours, BigDecimal weight) {
        if (weight.signum() == 0) {
            return windowActual.divide(BigDecimal.valueOf(windowHours), MC).multiply(hours).round(MC);
        }
        // level-adjusted profile: profile × actual / profile-over-the-window; a zero window profile means a zero
        // window (usage is never negative), so the level is taken as 1
        BigDecimal seasonal = windowProfile.signum() == 0
                ? horizonProfile.divide(SCALE, MC)
                : windowActual.multiply(horizonProfile).divide(windowProfile, MC);
        if (uncoveredHours.signum() == 0 && weight.compareTo(BigDecimal.ONE) == 0) {
            return seasonal.round(MC); // what the general formula below gives for w = 1
        }
        BigDecimal runRate = windowActual.divide(BigDecimal.valueOf(windowHours), MC);
        BigDecimal runRateTotal = runRate.multiply(hours);
        BigDecimal seasonalTotal = seasonal.add(runRate.multiply(uncoveredHours));
        // w·seasonal + (1 − w)·run-rate, written so that equal totals come out exactly equal
        return runRateTotal.add(weight.multiply(seasonalTotal.subtract(runRateTotal))).round(MC);
    }

    /** Run-rate only: the mean hourly usage of the last min(7 days, history) hours times the hours. */
    static BigDecimal runRateOnly(HourGrid grid, BigDecimal hours) {
        int n = grid.size();
        int window = Math.min(LEVEL_WINDOW_HOURS, n);
        BigDecimal none = BigDecimal.ZERO;
        return combine(grid.decimal(grid.sum(n - window, n)), window, none, none, none, hours, none);
    }

    /** w = min(1, weeks of history / 4). */
    static BigDecimal weight(int historyHours) {
        return historyHours >= FULL_WEIGHT_HOURS ? BigDecimal.ONE
                : BigDecimal.valueOf(historyHours).divide(FULL_WEIGHT, MC);
    }
}
