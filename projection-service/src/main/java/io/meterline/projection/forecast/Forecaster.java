package io.meterline.projection.forecast;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.time.zone.ZoneRules;

/**
 * Forecasts where a client's usage of a meter lands at the end of its billing period.
 *
 * <p>Why not a straight run-rate: usage is weekly-seasonal (weekday business hours high, nights and weekends low), so
 * "usage so far / hours elapsed" is badly wrong when the period is a few days old and those days were a weekend, or a
 * run of weekdays. The forecast instead sums, over every remaining hour, the rate of that hour's local hour-of-week
 * slot: an 8-week hour-of-week profile, level-adjusted to the last 7 days and shrunk toward the run-rate while there
 * are fewer than 4 weeks of history: method {@code SEASONAL} at 4 weeks or more, {@code BLENDED} below, and
 * {@code RUN_RATE} alone under a day of history (see {@link SeasonalModel}). Without any history the run-rate is the
 * period's own: usage so far / hours elapsed.
 *
 * <p>The interval comes from the method's own errors when backtested at past cut points ({@link ErrorCalibration}),
 * applied to the remaining part only, so it narrows as the period fills up and never drops below the usage so far.
 *
 * <p>Pure and exact: {@link BigDecimal} throughout, {@link MathContext#DECIMAL64} for divisions, no clock, no I/O,
 * thread-safe. A series of equal hours forecasts exactly (while the numbers fit 16 significant digits) with a
 * zero-width interval.
 */
public final class Forecaster {

    /** The nominal coverage of the interval [low, high]. */
    public static final BigDecimal NOMINAL_COVERAGE = new BigDecimal("0.80");
    static final String SEASONAL = "SEASONAL";
    static final String BLENDED = "BLENDED";
    static final String RUN_RATE = "RUN_RATE";
    /** Below a day of history there is no daily shape to learn: run-rate only. */
    static final int MIN_HISTORY_HOURS = 24;

    private static final MathContext MC = SeasonalModel.MC;
    private static final BigDecimal HOUR_NANOS = BigDecimal.valueOf(Duration.ofHours(1).toNanos());

    private Forecaster() {
    }

    public static Forecast forecast(ForecastInput in) {
        ZoneRules rules = in.zone().getRules();
        Instant from = in.now().isAfter(in.periodStart()) ? in.now() : in.periodStart();
        RemainingHours remaining = RemainingHours.of(from, in.periodEnd(), rules);
        HourGrid grid = HourGrid.of(in.history(), HourOfWeek.epochHour(in.now()), rules);
        int n = grid.size();
        String method = n < MIN_HISTORY_HOURS ? RUN_RATE
                : n >= SeasonalModel.FULL_WEIGHT_HOURS ? SEASONAL : BLENDED;
        if (remaining.isEmpty()) {
            return exactly(in.usageSoFar(), method, n);
        }
        if (n == 0) {
            return fromUsageSoFar(in, remaining);
        }
        if (n < MIN_HISTORY_HOURS) {
            return withBand(in.usageSoFar(), SeasonalModel.runRateOnly(grid, remaining.hours),
                    ErrorCalibration.Band.DEFAULT, method, n);
        }
        BigDecimal expected = SeasonalModel.fit(grid).expected(remaining);
        return withBand(in.usageSoFar(), expected,
                ErrorCalibration.band(grid, remaining.horizon, NOMINAL_COVERAGE), method, n);
    }

    /** No history: the period's own run-rate, usage so far / hours elapsed, if anything was used. */
    private static Forecast fromUsageSoFar(ForecastInput in, RemainingHours remaining) {
        long elapsedNanos = Duration.between(in.periodStart(), in.now()).toNanos();
        if (in.usageSoFar().signum() == 0 || elapsedNanos <= 0) {
            return exactly(in.usageSoFar(), RUN_RATE, 0);
        }
        BigDecimal elapsedHours = BigDecimal.valueOf(elapsedNanos).divide(HOUR_NANOS, MC);
        BigDecimal rate = in.usageSoFar().divide(elapsedHours, MC);
        return withBand(in.usageSoFar(), rate.multiply(remaining.hours).round(MC), ErrorCalibration.Band.DEFAULT,
                RUN_RATE, 0);
    }

    private static Forecast withBand(BigDecimal soFar, BigDecimal expected, ErrorCalibration.Band band,
            String method, int historyHours) {
        BigDecimal projected = soFar.add(expected);
        BigDecimal low = soFar.add(expected.multiply(BigDecimal.ONE.add(band.low())).round(MC)).max(soFar);
        BigDecimal high = soFar.add(expected.multiply(BigDecimal.ONE.add(band.high())).round(MC));
        return new Forecast(projected, low.min(projected), high.max(projected), NOMINAL_COVERAGE, method,
                historyHours);
    }

    private static Forecast exactly(BigDecimal soFar, String method, int historyHours) {
        return new Forecast(soFar, soFar, soFar, NOMINAL_COVERAGE, method, historyHours);
    }
}
