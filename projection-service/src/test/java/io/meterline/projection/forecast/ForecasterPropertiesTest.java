package io.meterline.projection.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Constant usage projects exactly, across DST, and every forecast keeps usageSoFar <= low <= projected <= high. */
class ForecasterPropertiesTest {

    /** Zones with DST on both hemispheres, none, and a half-hour offset (period boundaries at :30 UTC). */
    static final List<String> ZONES = List.of("America/New_York", "Europe/London", "UTC", "Australia/Sydney",
            "Asia/Kolkata", "Australia/Adelaide");

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of(ZONES).map(ZoneId::of);
    }

    /** Up to 10 significant digits, so c × remaining hours fits DECIMAL64 (16 digits); zero included. */
    @Provide
    Arbitrary<BigDecimal> levels() {
        return Arbitraries.oneOf(Arbitraries.just(BigDecimal.ZERO),
                Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("999999")).ofScale(4),
                Arbitraries.longs().between(1, 9_999_999_999L).map(BigDecimal::valueOf),
                Arbitraries.integers().between(1, 999_999).map(u -> BigDecimal.valueOf(u, 9)));
    }

    /** Period starts, half of them in months with a DST change. */
    @Provide
    Arbitrary<LocalDate> periodStarts() {
        Arbitrary<LocalDate> any = Arbitraries.integers().between(0, 6 * 365)
                .map(d -> LocalDate.of(2022, 1, 1).plusDays(d));
        Arbitrary<LocalDate> nearDst = Arbitraries.of(3, 4, 9, 10, 11)
                .flatMap(month -> Arbitraries.integers().between(1, 28)
                        .flatMap(day -> Arbitraries.integers().between(2022, 2027)
                                .map(year -> LocalDate.of(year, month, day).minusDays(14))));
        return Arbitraries.oneOf(any, nearDst);
    }

    @Property(tries = 300)
    void constantUsageProjectsExactlyWithAZeroWidthInterval(@ForAll("levels") BigDecimal c,
            @ForAll("zones") ZoneId zone, @ForAll("periodStarts") LocalDate firstDay,
            @ForAll @IntRange(min = 28, max = 31) int periodDays,
            @ForAll @IntRange(min = 0, max = 1_000_000) int nowPermille,
            @ForAll @IntRange(min = 24, max = 1_500) int historyHours,
            @ForAll boolean reportRunningHour) {
        Instant periodStart = firstDay.atStartOfDay(zone).toInstant();
        Instant periodEnd = firstDay.plusDays(periodDays).atStartOfDay(zone).toInstant();
        // now anywhere in the period, on a multiple of 36 s so that hour fractions are exact decimals
        long periodSeconds = Duration.between(periodStart, periodEnd).toSeconds();
        Instant now = periodStart.plusSeconds(periodSeconds * nowPermille / 1_000_000 / 36 * 36);
        Instant nowHour = Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), 3600) * 3600);

        List<HourlyUsage> history = new ArrayList<>();
        for (int h = historyHours; h >= 1; h--) {
            history.add(new HourlyUsage(nowHour.minus(Duration.ofHours(h)), c));
        }
        if (reportRunningHour && now.isAfter(nowHour)) { // the running hour so far, as a live feed would have it
            history.add(new HourlyUsage(nowHour, c.multiply(hours(nowHour, now))));
        }
        BigDecimal usageSoFar = c.multiply(hours(periodStart, now));

        Forecast forecast = Forecaster.forecast(new ForecastInput(periodStart, periodEnd, now, zone, usageSoFar,
                shuffled(history, nowPermille)));

        BigDecimal expected = usageSoFar.add(c.multiply(hours(now, periodEnd)));
        assertThat(forecast.projected()).isEqualByComparingTo(expected);
        assertThat(forecast.low()).isEqualByComparingTo(expected);
        assertThat(forecast.high()).isEqualByComparingTo(expected);
        assertThat(forecast.coverage()).isEqualByComparingTo(Forecaster.NOMINAL_COVERAGE);
        int used = Math.min(historyHours, 8 * 168);
        assertThat(forecast.historyHours()).isEqualTo(used);
        assertThat(forecast.method()).isEqualTo(used >= 4 * 168 ? "SEASONAL" : "BLENDED");
    }

    @Property(tries = 150)
    void theIntervalHoldsTheProjectionAndNeverGoesBelowUsageSoFar(@ForAll("zones") ZoneId zone,
            @ForAll("periodStarts") LocalDate firstDay, @ForAll @IntRange(min = 0, max = 999) int nowPermille,
            @ForAll @IntRange(min = 0, max = 1_400) int historyHours,
            @ForAll @IntRange(min = 0, max = 100) int zeroPercent, @ForAll long seed) {
        Instant periodStart = firstDay.atStartOfDay(zone).toInstant();
        Instant periodEnd = firstDay.plusMonths(1).atStartOfDay(zone).toInstant();
        long periodHours = Duration.between(periodStart, periodEnd).toHours();
        Instant now = periodStart.plus(Duration.ofHours(periodHours * nowPermille / 1000)).plusSeconds(1234);
        Instant nowHour = Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), 3600) * 3600);
        Random random = new Random(seed);
        List<HourlyUsage> history = new ArrayList<>();
        BigDecimal usageSoFar = BigDecimal.ZERO;
        for (int h = historyHours; h >= 1; h--) {
            Instant hour = nowHour.minus(Duration.ofHours(h));
            if (random.nextInt(100) >= zeroPercent) { // sparse: missing hours are zero
                BigDecimal value = BigDecimal.valueOf(random.nextInt(1_000_000), random.nextInt(4));
                history.add(new HourlyUsage(hour, value));
                usageSoFar = hour.isBefore(periodStart) ? usageSoFar : usageSoFar.add(value);
            }
        }

        Forecast forecast = Forecaster.forecast(new ForecastInput(periodStart, periodEnd, now, zone, usageSoFar,
                history));

        assertThat(forecast.low()).isGreaterThanOrEqualTo(usageSoFar);
        assertThat(forecast.projected()).isBetween(forecast.low(), forecast.high());
        assertThat(forecast.method()).isIn("SEASONAL", "BLENDED", "RUN_RATE");
    }

    private static BigDecimal hours(Instant from, Instant to) {
        return BigDecimal.valueOf(Duration.between(from, to).toSeconds()).divide(BigDecimal.valueOf(3600));
    }

    private static List<HourlyUsage> shuffled(List<HourlyUsage> history, long seed) {
        List<HourlyUsage> copy = new ArrayList<>(history);
        Collections.shuffle(copy, new Random(seed));
        return copy;
    }
}
