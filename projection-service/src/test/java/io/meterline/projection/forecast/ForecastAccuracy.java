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
import java.util.TreeMap;

/**
 * Accuracy of {@link Forecaster} on synthetic series, against the naive run-rate (usage so far / hours elapsed ×
 * period hours). Each series is a client in one of six zones (DST on both hemispheres) around a calendar-month period;
 * established clients are forecast once a day through the period (at a random hour), new clients 24 times on day 3.
 * Reported: the mean absolute percentage error of the period total for both, and how often the true total fell inside
 * [low, high]. {@link #main} prints the markdown table for the docs; {@code ForecastAccuracyTest} asserts on the same
 * numbers.
 *
 * <p>Doubles appear only in generating the test data (noise from a seeded {@link Random}); every value is a
 * {@link BigDecimal} before the forecaster or the metrics see it.
 */
public final class ForecastAccuracy {

    static final MathContext MC = MathContext.DECIMAL64;
    static final List<ZoneId> ZONES = List.of(ZoneId.of("America/New_York"), ZoneId.of("Europe/London"),
            ZoneId.of("Europe/Berlin"), ZoneId.of("Asia/Tokyo"), ZoneId.of("UTC"), ZoneId.of("Australia/Sydney"));
    static final int HISTORY_HOURS = 8 * 168;
    /** The seed of the numbers in the docs and the tests. */
    static final long SEED = 20_250_101L;

    /** Kinds of synthetic series and clients. */
    public enum Kind {
        /** Weekday business hours high, evenings lower, nights and weekends low; 8 weeks of history. */
        SEASONAL("weekly seasonal", false, HISTORY_HOURS),
        /** The same level every hour, with the same noise; 8 weeks of history. */
        FLAT("flat", false, HISTORY_HOURS),
        /** Weekly seasonal, a client since 2 weeks before the period (2 to 6 weeks of history: BLENDED). */
        YOUNG("weekly seasonal, client since 2 weeks before the period", false, 2 * 168),
        /** Weekly seasonal, a new client 3 days into its first period (3 to 4 days of history). */
        NEW_CLIENT("weekly seasonal, new client 3 days into its first period", true, 0);

        final String label;
        final boolean newClient;
        /** How long the client has been using the meter before the period starts. */
        final int hoursBeforePeriod;

        Kind(String label, boolean newClient, int hoursBeforePeriod) {
            this.label = label;
            this.newClient = newClient;
            this.hoursBeforePeriod = hoursBeforePeriod;
        }
    }

    /** The accuracy over all forecasts of one kind. */
    public record Result(Kind kind, int forecasts, BigDecimal mapeMethod, BigDecimal mapeRunRate,
            BigDecimal coverage, String methods) {
    }

    private ForecastAccuracy() {
    }

    public static void main(String[] args) {
        int series = args.length > 0 ? Integer.parseInt(args[0]) : 24;
        BigDecimal micros = microsPerForecast(); // first, while the JIT has seen nothing else
        BigDecimal applyMicros = microsPerApply();
        System.out.println(
                "| series | forecasts | method used | MAPE method | MAPE run-rate | coverage (nominal 0.80) |");
        System.out.println("|---|---|---|---|---|---|");
        for (Kind kind : Kind.values()) {
            Result r = evaluate(kind, series, SEED);
            System.out.printf("| %s | %d | %s | %s%% | %s%% | %s |%n", kind.label, r.forecasts(), r.methods(),
                    percent(r.mapeMethod()), percent(r.mapeRunRate()),
                    r.coverage().setScale(3, RoundingMode.HALF_EVEN).toPlainString());
        }
        System.out.printf("%ntime per forecast, 8 weeks of history, after warm-up: %s µs%n", micros);
        System.out.printf("time per apply of a fitted model, after warm-up: %s µs%n", applyMicros);
    }

    /** Forecasts {@code series} month-long periods of this kind: each day of it, or 24 times on day 3 (new client). */
    public static Result evaluate(Kind kind, int series, long seed) {
        Random random = new Random(seed);
        BigDecimal apeMethod = BigDecimal.ZERO;
        BigDecimal apeRunRate = BigDecimal.ZERO;
        int inside = 0;
        int forecasts = 0;
        TreeMap<String, Integer> methods = new TreeMap<>();
        for (Scenario scenario : scenarios(kind, series, random)) {
            for (int nowIndex : scenario.nowIndexes()) {
                Forecast forecast = Forecaster.forecast(scenario.input(nowIndex));
                BigDecimal truth = scenario.truth();
                apeMethod = apeMethod.add(ape(forecast.projected(), truth));
                apeRunRate = apeRunRate.add(ape(scenario.naiveRunRate(nowIndex), truth));
                if (forecast.low().compareTo(truth) <= 0 && truth.compareTo(forecast.high()) <= 0) {
                    inside++;
                }
                methods.merge(forecast.method(), 1, Integer::sum);
                forecasts++;
            }
        }
        BigDecimal count = BigDecimal.valueOf(forecasts);
        return new Result(kind, forecasts, apeMethod.divide(count, MC), apeRunRate.divide(count, MC),
                BigDecimal.valueOf(inside).divide(count, MC), String.join(", ", methods.keySet()));
    }

    /** One client's series around one period, and the points in it to forecast from. */
    record Scenario(ZoneId zone, Instant seriesStart, BigDecimal[] hours, int clientStart, int periodStart,
            int periodEnd, List<Integer> nowIndexes) {

        Instant at(int index) {
            return seriesStart.plus(Duration.ofHours(index));
        }

        ForecastInput input(int nowIndex) {
            List<HourlyUsage> history = new ArrayList<>();
            for (int i = Math.max(clientStart, nowIndex - HISTORY_HOURS); i < nowIndex; i++) {
                history.add(new HourlyUsage(at(i), hours[i]));
            }
            return new ForecastInput(at(periodStart), at(periodEnd), at(nowIndex), zone,
                    sum(hours, periodStart, nowIndex), history);
        }

        BigDecimal truth() {
            return sum(hours, periodStart, periodEnd);
        }

        /**
         * The naive run-rate: usage so far / hours elapsed × period hours, or, at the very start of the period, the
         * mean hourly usage of the last 7 days (or what there is of them) × period hours.
         */
        BigDecimal naiveRunRate(int nowIndex) {
            BigDecimal periodHours = BigDecimal.valueOf(periodEnd - periodStart);
            int from = nowIndex > periodStart ? periodStart : Math.max(clientStart, nowIndex - 168);
            return sum(hours, from, nowIndex).multiply(periodHours).divide(BigDecimal.valueOf(nowIndex - from), MC);
        }
    }

    static List<Scenario> scenarios(Kind kind, int series, Random random) {
        List<Scenario> scenarios = new ArrayList<>();
        for (int s = 0; s < series; s++) {
            ZoneId zone = ZONES.get(s % ZONES.size());
            LocalDate month = LocalDate.of(2024 + (s / 12) % 2, 1 + (s * 5) % 12, 1);
            Instant periodStart = month.atStartOfDay(zone).toInstant();
            Instant periodEnd = month.plusMonths(1).atStartOfDay(zone).toInstant();
            Instant seriesStart = periodStart.minus(Duration.ofHours(HISTORY_HOURS + 24));
            BigDecimal[] hours = generate(kind == Kind.FLAT, random, zone, seriesStart,
                    (int) Duration.between(seriesStart, periodEnd).toHours());
            int start = index(seriesStart, periodStart);
            int end = index(seriesStart, periodEnd);
            List<Integer> nows = new ArrayList<>();
            if (kind.newClient) {
                for (int hour = 0; hour < 24; hour++) {
                    nows.add(start + 72 + hour);
                }
            } else {
                for (int day = 0; day < (end - start) / 24; day++) {
                    Instant now = month.atStartOfDay(zone).plusDays(day).plusHours(random.nextInt(24)).toInstant();
                    if (now.isBefore(periodEnd)) {
                        nows.add(index(seriesStart, now));
                    }
                }
            }
            scenarios.add(new Scenario(zone, seriesStart, hours, start - kind.hoursBeforePeriod, start, end, nows));
        }
        return scenarios;
    }

    /** Steady-state time of one forecast with 8 weeks of history (after warming up the JIT). */
    static BigDecimal microsPerForecast() {
        List<ForecastInput> inputs = seasonalInputs();
        return micros(400, inputs.size(), () -> {
            for (ForecastInput input : inputs) {
                Forecaster.forecast(input);
            }
        });
    }

    /** Steady-state time of applying a fitted model (fitted on 8 weeks of history) at a recompute. */
    static BigDecimal microsPerApply() {
        List<ForecastInput> inputs = seasonalInputs();
        List<ForecastModel> models = new ArrayList<>();
        for (ForecastInput in : inputs) {
            models.add(Forecaster.fit(in.history(), in.zone(), in.now(), in.periodEnd()));
        }
        return micros(4000, inputs.size(), () -> {
            for (int i = 0; i < inputs.size(); i++) {
                ForecastInput in = inputs.get(i);
                Forecaster.apply(models.get(i), in.periodStart(), in.periodEnd(), in.now(), in.usageSoFar());
            }
        });
    }

    private static List<ForecastInput> seasonalInputs() {
        List<ForecastInput> inputs = new ArrayList<>();
        for (Scenario scenario : scenarios(Kind.SEASONAL, 1, new Random(SEED))) {
            for (int nowIndex : scenario.nowIndexes()) {
                inputs.add(scenario.input(nowIndex));
            }
        }
        return inputs;
    }

    /** Microseconds per item of {@code round}, over the second half of {@code rounds} rounds of {@code items}. */
    private static BigDecimal micros(int rounds, int items, Runnable round) {
        long nanos = 0;
        int count = 0;
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            round.run();
            if (r >= rounds / 2) {
                nanos += System.nanoTime() - start;
                count += items;
            }
        }
        return BigDecimal.valueOf(nanos).divide(BigDecimal.valueOf(count * 1000L), new MathContext(3));
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
