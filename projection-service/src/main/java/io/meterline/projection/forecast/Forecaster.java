package io.meterline.projection.forecast;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

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
 * <p>A forecast is a fit and an apply: {@link #fit} learns all of the above from the history into a compact, storable
 * {@link ForecastModel}, now and then; {@link #apply} forecasts a period from a model, the current {@code now} and the
 * usage so far, cheaply and without the history (O(remaining hours)). {@link #forecast} does both at the same now.
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
    /** A model without history: the period's own run-rate. */
    static final String NONE = "NONE";
    /** Below a day of history there is no daily shape to learn: run-rate only. */
    static final int MIN_HISTORY_HOURS = 24;

    private static final MathContext MC = SeasonalModel.MC;
    private static final BigDecimal HOUR_NANOS = BigDecimal.valueOf(Duration.ofHours(1).toNanos());

    private Forecaster() {
    }

    /**
     * Fits a model to the history at {@code in.now()} and applies it at once: {@code apply(fit(history, zone, now,
     * periodEnd), periodStart, periodEnd, now, usageSoFar)}, except that before the period has started the interval
     * is calibrated for the period's own hours (fit, not given the period's start, calibrates for the hours from now;
     * the two differ only before a period shorter than 4 weeks, the longest horizon the backtests take).
     */
    public static Forecast forecast(ForecastInput in) {
        Instant from = in.now().isAfter(in.periodStart()) ? in.now() : in.periodStart();
        return apply(ModelFit.fit(in.history(), in.zone(), in.now(), from, in.periodEnd()), in.periodStart(),
                in.periodEnd(), in.now(), in.usageSoFar());
    }

    /**
     * Fits a model to a series' history as of {@code now}. The history is as for {@link ForecastInput}: hourly usage
     * before the hour containing {@code now}, any order, sparse, at most 8 weeks of it used. {@code periodEnd} only
     * sets the horizon the interval is calibrated for: the hours from {@code now} to the end of the period. An empty
     * history gives a {@code NONE} model.
     */
    public static ForecastModel fit(List<HourlyUsage> history, ZoneId zone, Instant now, Instant periodEnd) {
        return ModelFit.fit(history, zone, now, now, periodEnd);
    }

    /**
     * Forecasts the period from a model: the remaining hours from {@code now} (or from the period start, if later)
     * to the period end, each at its slot's rate, plus the usage so far, with the model's interval around the
     * remaining part. The model may have been fitted some time before {@code now}: its level and interval are then
     * those as of its {@code fittedAt}. A {@code NONE} model takes the run-rate from the usage so far over the
     * elapsed period hours, and with nothing used so far projects just that with a zero-width interval.
     */
    public static Forecast apply(ForecastModel model, Instant periodStart, Instant periodEnd, Instant now,
            BigDecimal usageSoFar) {
        Objects.requireNonNull(model, "model");
        ForecastInput.check(periodStart, periodEnd, now, usageSoFar);
        Instant from = now.isAfter(periodStart) ? now : periodStart;
        RemainingHours remaining = RemainingHours.of(from, periodEnd, model.zone().getRules());
        int n = model.historyHours();
        String method = n == 0 ? RUN_RATE : model.method();
        if (remaining.isEmpty()) {
            return exactly(usageSoFar, method, n);
        }
        if (n == 0) {
            return fromUsageSoFar(periodStart, now, usageSoFar, remaining);
        }
        if (n < MIN_HISTORY_HOURS) {
            return withBand(usageSoFar, SeasonalModel.runRateOnly(model.windowUsage(), n, remaining.hours),
                    ErrorCalibration.Band.DEFAULT, method, n);
        }
        return withBand(usageSoFar, SeasonalModel.expected(model, remaining),
                ErrorCalibration.band(model.halfWidth(), model.flatHistory()), method, n);
    }

    /** No history: the period's own run-rate, usage so far / hours elapsed, if anything was used. */
    private static Forecast fromUsageSoFar(Instant periodStart, Instant now, BigDecimal usageSoFar,
            RemainingHours remaining) {
        long elapsedNanos = Duration.between(periodStart, now).toNanos();
        if (usageSoFar.signum() == 0 || elapsedNanos <= 0) {
            return exactly(usageSoFar, RUN_RATE, 0);
        }
        BigDecimal elapsedHours = BigDecimal.valueOf(elapsedNanos).divide(HOUR_NANOS, MC);
        BigDecimal rate = usageSoFar.divide(elapsedHours, MC);
        return withBand(usageSoFar, rate.multiply(remaining.hours).round(MC), ErrorCalibration.Band.DEFAULT,
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
