package io.meterline.projection.forecast;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.List;

/**
 * The forecasting method. Usage repeats weekly (business hours, nights, weekends), so each local hour-of-week slot
 * gets the mean of that slot over the history weeks that cover it; the whole profile is then scaled by the ratio of
 * the last 7 days' actual usage to what the profile says for them, so it follows the current level instead of an
 * 8-week average. A profile from few weeks is noisy, so it is shrunk toward the run-rate (mean hourly usage of the last
 * min(7 days, history)) with weight w = min(1, weeks / 4).
 *
 * <p>Slot means are kept multiplied by {@link #SCALE} = lcm(1..12), so a slot sum divided by its week count is an exact
 * integer multiple and nothing is rounded before the final division; a constant series therefore forecasts exactly.
 *
 * <p>The fit (each slot's usage and hours, the window's usage and scaled profile) is what a {@link ForecastModel}
 * stores; the expected usage is computed from those aggregates with the same single final rounding whether the model
 * was just fitted or decoded from storage.
 */
final class SeasonalModel {

    static final MathContext MC = MathContext.DECIMAL64;
    static final int SCALE_INT = 27_720;
    static final BigDecimal SCALE = BigDecimal.valueOf(SCALE_INT);
    static final int LEVEL_WINDOW_HOURS = 7 * 24;
    static final int FULL_WEIGHT_HOURS = 4 * HourOfWeek.SLOTS;
    private static final BigDecimal FULL_WEIGHT = BigDecimal.valueOf(FULL_WEIGHT_HOURS);

    private SeasonalModel() {
    }

    /** The history hours in each slot (0 where none). */
    static int[] slotHours(HourGrid grid) {
        int[] counts = new int[HourOfWeek.SLOTS];
        for (int i = 0; i < grid.size(); i++) {
            counts[grid.slots[i]]++;
        }
        return counts;
    }

    /** The usage of the history hours in each slot. */
    static BigDecimal[] slotUsage(HourGrid grid) {
        long[] sums = new long[HourOfWeek.SLOTS];
        for (int i = 0; i < grid.size(); i++) {
            sums[grid.slots[i]] += grid.units[i];
        }
        BigDecimal[] usage = new BigDecimal[HourOfWeek.SLOTS];
        for (int slot = 0; slot < HourOfWeek.SLOTS; slot++) {
            usage[slot] = grid.decimal(sums[slot]);
        }
        return usage;
    }

    /** A slot's mean × SCALE, exact: {@code hours} (1 to 12) divides SCALE. */
    static BigDecimal scaledMean(BigDecimal usage, int hours) {
        return usage.multiply(BigDecimal.valueOf(SCALE_INT / hours));
    }

    /** The level window: the last min(7 days, history) hours. */
    static int windowHours(int historyHours) {
        return Math.min(LEVEL_WINDOW_HOURS, historyHours);
    }

    /** Actual usage over the level window. */
    static BigDecimal windowUsage(HourGrid grid) {
        int n = grid.size();
        return grid.decimal(grid.sum(n - windowHours(n), n));
    }

    /** The scaled profile summed over the level window's hours. */
    static BigDecimal windowProfile(HourGrid grid, BigDecimal[] slotUsage, int[] slotHours) {
        int n = grid.size();
        BigDecimal windowProfile = BigDecimal.ZERO;
        for (int i = n - windowHours(n); i < n; i++) {
            int slot = grid.slots[i];
            windowProfile = windowProfile.add(scaledMean(slotUsage[slot], slotHours[slot]));
        }
        return windowProfile;
    }

    /**
     * Expected usage over the remaining hours, from a SEASONAL or BLENDED model: the scaled profile over the whole
     * remaining hours is the sum of usage × (SCALE / slot hours) × remaining hours over the slots, and slots with the
     * same multiplier (a month has a few) are added up first, so an apply does one multiplication per multiplier.
     */
    static BigDecimal expected(ForecastModel model, RemainingHours remaining) {
        List<BigDecimal> usage = model.slotUsage();
        List<Integer> slotHours = model.slotHours();
        long[] multipliers = new long[8];
        BigDecimal[] sums = new BigDecimal[multipliers.length];
        int groups = 0;
        int uncoveredWhole = 0;
        for (int slot = 0; slot < HourOfWeek.SLOTS; slot++) {
            int hours = remaining.wholeHours[slot];
            int history = hours == 0 ? 0 : slotHours.get(slot);
            if (hours > 0 && history == 0) {
                uncoveredWhole += hours;
            } else if (hours > 0) {
                long multiplier = (long) (SCALE_INT / history) * hours;
                int g = 0;
                while (g < groups && multipliers[g] != multiplier) {
                    g++;
                }
                if (g == multipliers.length) {
                    multipliers = Arrays.copyOf(multipliers, 2 * g);
                    sums = Arrays.copyOf(sums, 2 * g);
                }
                sums[g] = g == groups ? usage.get(slot) : sums[g].add(usage.get(slot));
                multipliers[g] = multiplier;
                groups = Math.max(groups, g + 1);
            }
        }
        BigDecimal profile = BigDecimal.ZERO;
        for (int g = 0; g < groups; g++) {
            profile = profile.add(sums[g].multiply(BigDecimal.valueOf(multipliers[g])));
        }
        BigDecimal uncovered = BigDecimal.ZERO;
        for (int i = 0; i < remaining.partialSlots.length; i++) {
            int slot = remaining.partialSlots[i];
            if (slotHours.get(slot) == 0) {
                uncovered = uncovered.add(remaining.partialFractions[i]);
            } else {
                profile = profile.add(scaledMean(usage.get(slot), slotHours.get(slot))
                        .multiply(remaining.partialFractions[i]));
            }
        }
        uncovered = uncovered.add(BigDecimal.valueOf(uncoveredWhole));
        return combine(model.windowUsage(), windowHours(model.historyHours()), model.windowProfile(), profile,
                uncovered, remaining.hours, weight(model.historyHours()));
    }

    /** Expected usage of one whole hour in each slot (see {@link ForecastModel#slotRates()}). */
    static List<BigDecimal> hourlyRates(ForecastModel model) {
        int n = model.historyHours();
        if (n == 0) {
            return List.of();
        }
        BigDecimal[] rates = new BigDecimal[HourOfWeek.SLOTS];
        for (int slot = 0; slot < HourOfWeek.SLOTS; slot++) {
            if (n < Forecaster.MIN_HISTORY_HOURS) {
                rates[slot] = runRateOnly(model.windowUsage(), n, BigDecimal.ONE);
            } else {
                int hours = model.slotHours().get(slot);
                rates[slot] = combine(model.windowUsage(), windowHours(n), model.windowProfile(),
                        hours == 0 ? BigDecimal.ZERO : scaledMean(model.slotUsage().get(slot), hours),
                        hours == 0 ? BigDecimal.ONE : BigDecimal.ZERO, BigDecimal.ONE, weight(n));
            }
        }
        return List.of(rates);
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
    static BigDecimal runRateOnly(BigDecimal windowUsage, int historyHours, BigDecimal hours) {
        BigDecimal none = BigDecimal.ZERO;
        return combine(windowUsage, windowHours(historyHours), none, none, none, hours, none);
    }

    /** w = min(1, weeks of history / 4). */
    static BigDecimal weight(int historyHours) {
        return historyHours >= FULL_WEIGHT_HOURS ? BigDecimal.ONE
                : BigDecimal.valueOf(historyHours).divide(FULL_WEIGHT, MC);
    }
}
