package io.meterline.projection.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** A forecast is its model's fit and apply, bit for bit, and a stored model forecasts as the fitted one. */
class ForecastModelPropertiesTest {

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of(ForecasterPropertiesTest.ZONES).map(ZoneId::of);
    }

    /**
     * {@code forecast(in)} equals (BigDecimal scales included) {@code apply(fit(history, zone, now, periodEnd), …)}
     * on random sparse histories, with now anywhere in a period of a day to three months, or up to 3 days before a
     * period of a month or more (before a shorter period, forecast calibrates its interval for the period's own hours,
     * while fit, not knowing the period's start, calibrates for the hours from now).
     */
    @Property(tries = 200)
    void aForecastIsTheFitOfItsHistoryAppliedAtTheSameNow(@ForAll("zones") ZoneId zone,
            @ForAll @IntRange(min = 0, max = 6 * 365) int startDay, @ForAll @IntRange(min = 0, max = 3) int length,
            @ForAll @IntRange(min = -100, max = 1_100) int nowPermille,
            @ForAll @IntRange(min = 0, max = 1_500) int historyHours,
            @ForAll @IntRange(min = 0, max = 100) int zeroPercent, @ForAll boolean flat, @ForAll long seed) {
        Random random = new Random(seed);
        LocalDate firstDay = LocalDate.of(2022, 1, 1).plusDays(startDay);
        LocalDate lastDay = switch (length) {
            case 0 -> firstDay.plusDays(1);
            case 1 -> firstDay.plusWeeks(1);
            case 2 -> firstDay.plusMonths(1);
            default -> firstDay.plusMonths(3);
        };
        Instant periodStart = firstDay.atStartOfDay(zone).toInstant();
        Instant periodEnd = lastDay.atStartOfDay(zone).toInstant();
        long periodSeconds = Duration.between(periodStart, periodEnd).toSeconds();
        long offset = length < 2 ? Math.abs(periodSeconds * nowPermille / 1000) : 3 * 86_400L * nowPermille / 100;
        Instant now = periodStart.plusSeconds(offset).plusNanos(random.nextInt(1_000_000_000));
        List<HourlyUsage> history = history(random, now, historyHours, zeroPercent, flat);
        BigDecimal usageSoFar = value(random);

        Forecast forecast = Forecaster.forecast(new ForecastInput(periodStart, periodEnd, now, zone, usageSoFar,
                history));
        ForecastModel model = Forecaster.fit(history, zone, now, periodEnd);
        Forecast applied = Forecaster.apply(model, periodStart, periodEnd, now, usageSoFar);

        assertThat(applied).isEqualTo(forecast);
        assertThat(model.fittedAt()).isEqualTo(now);
        assertThat(model.historyHours()).isEqualTo(forecast.historyHours());
    }

    /** decode(encode(m)) equals m, encodes to the same text, and forecasts the same, hours after the fit. */
    @Property(tries = 200)
    void aDecodedModelIsTheSameModel(@ForAll("zones") ZoneId zone,
            @ForAll @IntRange(min = 0, max = 6 * 365) int startDay,
            @ForAll @IntRange(min = 0, max = 1_500) int historyHours,
            @ForAll @IntRange(min = 0, max = 100) int zeroPercent, @ForAll boolean flat,
            @ForAll @IntRange(min = 0, max = 48) int hoursSinceFit, @ForAll long seed) {
        Random random = new Random(seed);
        LocalDate firstDay = LocalDate.of(2022, 1, 1).plusDays(startDay);
        Instant periodStart = firstDay.atStartOfDay(zone).toInstant();
        Instant periodEnd = firstDay.plusMonths(1).atStartOfDay(zone).toInstant();
        Instant fittedAt = periodStart.plusSeconds(random.nextInt(20 * 86_400));
        ForecastModel model = Forecaster.fit(history(random, fittedAt, historyHours, zeroPercent, flat), zone,
                fittedAt, periodEnd);
        Instant now = fittedAt.plus(Duration.ofHours(hoursSinceFit)).plusSeconds(random.nextInt(3600));
        BigDecimal usageSoFar = value(random);

        String text = model.encode();
        ForecastModel decoded = ForecastModel.decode(text);

        assertThat(decoded).isEqualTo(model);
        assertThat(decoded.hashCode()).isEqualTo(model.hashCode());
        assertThat(decoded.encode()).isEqualTo(text);
        assertThat(Forecaster.apply(decoded, periodStart, periodEnd, now, usageSoFar))
                .isEqualTo(Forecaster.apply(model, periodStart, periodEnd, now, usageSoFar));
    }

    /** Up to {@code hours} hours before now's hour, some missing, all equal if {@code flat}; now's hour too. */
    private static List<HourlyUsage> history(Random random, Instant now, int hours, int zeroPercent, boolean flat) {
        Instant nowHour = Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), 3600) * 3600);
        BigDecimal c = value(random);
        List<HourlyUsage> history = new ArrayList<>();
        for (int h = hours; h >= 1; h--) {
            if (random.nextInt(100) >= zeroPercent) {
                history.add(new HourlyUsage(nowHour.minus(Duration.ofHours(h)), flat ? c : value(random)));
            }
        }
        history.add(new HourlyUsage(nowHour, value(random))); // the running hour: ignored
        return history;
    }

    /** Usage in various scales, negative ones included, and up to 16 significant digits. */
    private static BigDecimal value(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> BigDecimal.ZERO;
            case 1 -> BigDecimal.valueOf(random.nextInt(1000), -random.nextInt(4));
            case 2 -> BigDecimal.valueOf((random.nextLong() & Long.MAX_VALUE) % 10_000_000_000_000_000L,
                    random.nextInt(20));
            default -> BigDecimal.valueOf(random.nextInt(1_000_000), random.nextInt(6));
        };
    }
}
