package io.meterline.projection.forecast;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A fitted forecast model: what a series' history taught the forecaster, without the history. Immutable.
 *
 * <p>Why: the service recomputes every client's projection (10,000 clients × 5 meters) within seconds, and reading
 * weeks of hourly history per series on every recompute is too much I/O. Everything that needs the history (the
 * hour-of-week profile, the level, the blend weight, the run-rate, the backtest-calibrated interval) is therefore
 * fitted now and then by {@link Forecaster#fit}, stored as {@link #encode()}, and {@link Forecaster#apply applied}
 * cheaply at each recompute to the hours still to come from the current {@code now}.
 *
 * <p>A model fitted before {@code now} still forecasts the remaining hours from {@code now} slot by slot, but its
 * level (the last 7 days' usage), its weight and its interval half-width are those as of {@link #fittedAt}: refit
 * often enough for the level to follow the usage, and when the period changes (the half-width was calibrated for the
 * hours then left in the period).
 *
 * <p>The profile is kept as the exact aggregates the forecast divides (each slot's usage and hours, not per-slot
 * rates already rounded), so a fitted-and-applied forecast is exactly {@link Forecaster#forecast}'s, a constant series
 * still projects exactly, and a model survives {@link #encode()}/{@link #decode} unchanged. {@link #slotRates()}
 * gives the per-slot rates, level-adjusted and blended, for display.
 *
 * @param method {@code SEASONAL} (4 weeks of history or more), {@code BLENDED} (a day to 4 weeks), {@code RUN_RATE}
 *        (under a day), {@code NONE} (no history: the period's own run-rate from the usage so far)
 * @param historyHours whole history hours used, from the first history hour to the hour containing {@code fittedAt}
 *        (at most 8 weeks); it determines the method, the level window and the blend weight
 * @param zone the client's time zone: hour-of-week slots are local
 * @param fittedAt the {@code now} of the fit
 * @param slotUsage SEASONAL and BLENDED: for each local hour-of-week slot (0 = Monday 00:00 to 167 = Sunday 23:00),
 *        the usage of the history hours in it; empty otherwise
 * @param slotHours SEASONAL and BLENDED: for each slot, the number of history hours in it (up to 9: 8 weeks and a
 *        25-hour day), so a slot's mean hourly usage is slotUsage / slotHours; 0 where the history has no hour in
 *        the slot (such hours get the run-rate); empty otherwise
 * @param windowUsage actual usage over the level window, the last min(7 days, history) hours: the level's numerator
 *        and the run-rate's total; zero for NONE
 * @param windowProfile the slot means summed over the level window's hours, × 27,720 (lcm 1..12, so that the sum
 *        of means is exact): the level's denominator; zero for RUN_RATE and NONE
 * @param halfWidth the relative half-width of the interval around the remaining part for the nominal coverage, from
 *        the backtests; null when there were too few of them and the default rule applies
 * @param flatHistory every history hour was equal (and there was at least a day of it): under the default rule the
 *        interval then has zero width
 */
public record ForecastModel(String method, int historyHours, ZoneId zone, Instant fittedAt,
        List<BigDecimal> slotUsage, List<Integer> slotHours, BigDecimal windowUsage, BigDecimal windowProfile,
        BigDecimal halfWidth, boolean flatHistory) {

    private static final Set<String> METHODS = Set.of(Forecaster.SEASONAL, Forecaster.BLENDED, Forecaster.RUN_RATE,
            Forecaster.NONE);
    /** lcm(1..12) is the profile's scale: a slot mean of up to 12 hours is exact. */
    private static final int MAX_SLOT_HOURS = 12;

    public ForecastModel {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(fittedAt, "fittedAt");
        Objects.requireNonNull(windowUsage, "windowUsage");
        Objects.requireNonNull(windowProfile, "windowProfile");
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("unknown method: " + method);
        }
        if (historyHours < 0 || historyHours > HourGrid.MAX_HOURS || !method.equals(methodFor(historyHours))) {
            throw new IllegalArgumentException("method " + method + " does not go with " + historyHours
                    + " history hours");
        }
        boolean seasonal = historyHours >= Forecaster.MIN_HISTORY_HOURS;
        slotUsage = List.copyOf(slotUsage);
        slotHours = List.copyOf(slotHours);
        int slots = seasonal ? HourOfWeek.SLOTS : 0;
        if (slotUsage.size() != slots || slotHours.size() != slots) {
            throw new IllegalArgumentException("a " + method + " model has " + slots + " slots, not "
                    + slotUsage.size() + " and " + slotHours.size());
        }
        for (int slot = 0; slot < slots; slot++) {
            requireNonNegative(slotUsage.get(slot), "slot usage");
            if (slotHours.get(slot) < 0 || slotHours.get(slot) > MAX_SLOT_HOURS
                    || (slotHours.get(slot) == 0 && slotUsage.get(slot).signum() != 0)) {
                throw new IllegalArgumentException("slot " + slot + " cannot have " + slotUsage.get(slot)
                        + " in " + slotHours.get(slot) + " hours");
            }
        }
        requireNonNegative(windowUsage, "windowUsage");
        requireNonNegative(windowProfile, "windowProfile");
        requireNonNegative(halfWidth, "halfWidth");
        if (!seasonal && (halfWidth != null || flatHistory)) {
            throw new IllegalArgumentException("a " + method + " model has the default interval");
        }
    }

    /** The method for this much history (see {@link Forecaster}). */
    static String methodFor(int historyHours) {
        return historyHours == 0 ? Forecaster.NONE
                : historyHours < Forecaster.MIN_HISTORY_HOURS ? Forecaster.RUN_RATE
                : historyHours < SeasonalModel.FULL_WEIGHT_HOURS ? Forecaster.BLENDED : Forecaster.SEASONAL;
    }

    /**
     * The expected usage of one whole hour in each of the 168 local hour-of-week slots, level-adjusted and blended as
     * of {@link #fittedAt} (the same rate in every slot for RUN_RATE; empty for NONE). For display: a forecast sums
     * the exact profile and rounds once, so it can differ from the sum of these rates in the last digits.
     */
    public List<BigDecimal> slotRates() {
        return SeasonalModel.hourlyRates(this);
    }

    /**
     * A compact text form for a database column, one line of {@code ;}-separated fields starting with a version
     * ({@code v1;SEASONAL;1344;Europe/London;2026-11-29T10:00:00Z;…}); repeated slot values are written once with a
     * count. About 1.4 kB for 8 weeks of noisy hours with 3 decimals, under 150 bytes for a flat meter.
     * {@code decode(encode(m)).equals(m)}.
     */
    public String encode() {
        return ModelCodec.encode(this);
    }

    /**
     * The model of an {@link #encode()}d text.
     *
     * @throws IllegalArgumentException naming what is wrong, for a malformed or unsupported text
     */
    public static ForecastModel decode(String text) {
        return ModelCodec.decode(text);
    }

    private static void requireNonNegative(BigDecimal value, String what) {
        if (value != null && value.signum() < 0) {
            throw new IllegalArgumentException(what + " must not be negative: " + value);
        }
    }
}
