package io.meterline.projection.forecast;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Accuracy of {@link Forecaster} on synthetic series, against the naive run-rate: for each series, 8 weeks of history
 * before a calendar-month period, then a forecast at every day of the period (at a varying hour). Reports the mean
 * absolute percentage error of the period total for both methods and how often the truth fell inside [low, high].
 * {@link #main} prints the markdown table used in the docs; {@code ForecastAccuracyTest} asserts on the same numbers.
 *
 * <p>Doubles appear only in generating the test data (noise from a seeded {@link Random}); every value is turned into a
 * {@link BigDecimal} before the forecaster or the metrics see it.
 */
public final class ForecastAccuracy {

    static final MathContext MC = MathContext.DECIMAL64;
    static final List<ZoneId> ZONES = List.of(ZoneId.of("America/New_York"), ZoneId.of("Europe/London"),
            ZoneId.of("Europe/Berlin"), ZoneId.of("Asia/Tokyo"), ZoneId.of("UTC"), ZoneId.of("Australia/Sydney"));
    static final int HISTORY_HOURS = 8 * 168;

    /** Kinds of synthetic series. */
    public enum Kind {
        /** Weekday business hours high, evenings lower, nights and weekends low; hourly and daily noise. */
        SEASONAL("weekly seasonal", HISTORY_HOURS),
        /** The same level every hour, with the same noise. */
        FLAT("flat", HISTORY_HOURS),
        /** Weekly seasonal, but a new client: only 3 days of history before each forecast. */
        NEW_CLIENT("weekly seasonal, 3 days of history", 72);

        final String label;
        final int historyHours;

        Kind(String label, int historyHours) {
            this.label = label;
            this.historyHours = historyHours;
        }
    }

    /** The accuracy over all forecasts of one kind. */
    public record Result(Kind kind, int forecasts, BigDecimal mapeMethod, BigDecimal mapeRunRate,
            BigDecimal coverage, long nanosPerForecast) {
    }

    private ForecastAccuracy() {
    }

    public static void main(String[] args) {
        int series = args.length > 0 ? Integer.parseInt(args[0]) : 24;
        evaluate(Kind.SEASONAL, 4, 99); // warm-up for the timing column
        System.out.println("| series | forecasts | MAPE method | MAPE run-rate | coverage (nominal 0.80) | µs/forecast |");
        System.out.println("|---|---|---|---|---|---|");
        for (Kind kind : Kind.values()) {
            Result r = evaluate(kind, series, 20_250_101L);
            System.out.printf("| %s | %d | %s%% | %s%% | %s | %s |%n", kind.label, r.forecasts(),
                    percent(r.mapeMethod()), percent(r.mapeRunRate()),
                    r.coverage().setScale(3, RoundingMode.HALF_EVEN).toPlainString(),
                    BigDecimal.valueOf(r.nanosPerForecast()).movePointLeft(3).setScale(1, RoundingMode.HALF_EVEN));
        }
    }

    /** Forecasts every day of {@code series} month-long periods of this kind. */
    public static Result evaluate(Kind kind, int series, long seed) {
        Random random = new Random(seed);
        BigDecimal apeMethod = BigDecimal.ZERO;
        BigDecimal apeRunRate = BigDecimal.ZERO;
        int inside = 0;
        int forecasts = 0;
        long nanos = 0;
        for (int s = 0; s < series; s++) {
            ZoneId zone = ZONES.get(s % ZONES.size());
            LocalDate month = LocalDate.of(2024 + (s / 12) % 2, 1 + (s * 5) % 12, 1);
            Instant periodStart = month.atStartOfDay(zone).toInstant();
            Instant periodEnd = month.plusMonths(1).atStartOfDay(zone).toInstant();
            Instant seriesStart = periodStart.minus(Duration.ofHours(HISTORY_HOURS + 24));
            BigDecimal[] hours = generate(kind == Kind.FLAT, random, zone, seriesStart,
                    (int) Duration.between(seriesStart, periodEnd).toHours());
            int startIndex = index(seriesStart, periodStart);
            int endIndex = index(seriesStart, periodEnd);
            BigDecimal truth = sum(hours, startIndex, endIndex);
            int periodHours = endIndex - startIndex;
            for (int day = 0; day < periodHours / 24; day++) {
                ZonedDateTime local = month.atStartOfDay(zone).plusDays(day).plusHours(random.nextInt(24));
                Instant now = local.toInstant();
                if (!now.isBefore(periodEnd)) {
                    continue;
                }
                int nowIndex = index(seriesStart, now);
                List<HourlyUsage> history = new ArrayList<>();
                for (int i = Math.max(0, nowIndex - kind.historyHours); i < nowIndex; i++) {
                    history.add(new HourlyUsage(seriesStart.plus(Duration.ofHours(i)), hours[i]));
                }
                BigDecimal soFar = sum(hours, startIndex, nowIndex);
                ForecastInput input = new ForecastInput(periodStart, periodEnd, now, zone, soFar, history);
                long t0 = System.nanoTime();
                Forecast forecast = Forecaster.forecast(input);
                nanos += System.nanoTime() - t0;

                BigDecimal naive = naiveRunRate(hours, startIndex, nowIndex, periodHours, kind.historyHours);
                apeMethod = apeMethod.add(ape(forecast.projected(), truth));
                apeRunRate = apeRunRate.add(ape(naive, truth));
                if (forecast.low().compareTo(truth) <= 0 && truth.compareTo(forecast.high()) <= 0) {
                    inside++;
                }
                forecasts++;
            }
        }
        BigDecimal count = BigDecimal.valueOf(forecasts);
        return new Result(kind, forecasts, apeMethod.divide(count, MC), apeRunRate.divide(count, MC),
                BigDecimal.valueOf(inside).divide(count, MC), nanos / forecasts);
    }

    /**
     * The naive run-rate: usage so far / hours elapsed × period hours, or, at the very start of the period, the mean
     * hourly usage of the last 7 days × period hours.
     */
    static BigDecimal naiveRunRate(BigDecimal[] hours, int startIndex, int nowIndex, int periodHours,
            int historyHours) {
        int elapsed = nowIndex - startIndex;
        if (elapsed > 0) {
            return sum(hours, startIndex, nowIndex).multiply(BigDecimal.valueOf(periodHours))
                    .divide(BigDecimal.valueOf(elapsed), MC);
        }
        int window = Math.min(168, historyHours);
        return sum(hours, nowIndex - window, nowIndex).multiply(BigDecimal.valueOf(periodHours))
                .divide(BigDecimal.valueOf(window), MC);
    }

    /**
     * Hourly usage from {@code start}: a base level by local hour of week times hourly noise (±25 %, one standard
     * deviation) times a daily factor (±10 %), rounded to 3 decimals.
     */
    static BigDecimal[] generate(boolean flat, Random random, ZoneId zone, Instant start, int count) {
        BigDecimal[] hours = new BigDecimal[count];
        LocalDate day = null;
        double dailyFactor = 1;
        for (int i = 0; i < count; i++) {
            ZonedDateTime local = start.plus(Duration.ofHours(i)).atZone(zone);
            if (!local.toLocalDate().equals(day)) {
                day = local.toLocalDate();
                dailyFactor = Math.max(0.2, 1 + 0.10 * random.nextGaussian());
            }
            double base = flat ? 50 : seasonalBase(local.getDayOfWeek(), local.getHour());
            double value = Math.max(0, base * dailyFactor * (1 + 0.25 * random.nextGaussian()));
            hours[i] = BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_EVEN);
        }
        return hours;
    }

    static double seasonalBase(DayOfWeek day, int hour) {
        if (day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY) {
            return 8;
        }
        if (hour >= 9 && hour < 18) {
            return 100;
        }
        return hour >= 7 && hour < 21 ? 40 : 10;
    }

    private static int index(Instant start, Instant at) {
        return (int) Duration.between(start, at).toHours();
    }

    static BigDecimal sum(BigDecimal[] hours, int from, int to) {
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = from; i < to; i++) {
            sum = sum.add(hours[i]);
        }
        return sum;
    }

    private static BigDecimal ape(BigDecimal forecast, BigDecimal truth) {
        return forecast.subtract(truth).abs().divide(truth, MC);
    }

    private static String percent(BigDecimal fraction) {
        return fraction.movePointRight(2).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }
}
