package io.meterline.projection.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

class ForecasterTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void aPeriodWithTheSpringDstChangeProjectsItsTwentyThreeHourDay() {
        // March 2025 in London: 31 local days, one of them 23 hours long
        Instant start = LocalDate.of(2025, 3, 1).atStartOfDay(LONDON).toInstant();
        Instant end = LocalDate.of(2025, 4, 1).atStartOfDay(LONDON).toInstant();
        assertThat(Duration.between(start, end).toHours()).isEqualTo(743);
        BigDecimal c = new BigDecimal("2.5");

        Forecast atStart = Forecaster.forecast(input(start, end, start, LONDON, BigDecimal.ZERO,
                constant(start, 8 * 168, c)));
        assertThat(atStart.projected()).isEqualByComparingTo("1857.5"); // 743 × 2.5
        assertThat(atStart.low()).isEqualByComparingTo("1857.5");
        assertThat(atStart.high()).isEqualByComparingTo("1857.5");
        assertThat(atStart.method()).isEqualTo("SEASONAL");
        assertThat(atStart.historyHours()).isEqualTo(1344);

        // ten days in, before the change, 15 minutes into an hour
        Instant now = start.plus(Duration.ofDays(10)).plusSeconds(900);
        Forecast midway = Forecaster.forecast(input(start, end, now, LONDON, new BigDecimal("600.625"),
                constant(now.minusSeconds(900), 8 * 168, c)));
        assertThat(midway.projected()).isEqualByComparingTo("1857.5");
        assertThat(midway.low()).isEqualByComparingTo(midway.high());
    }

    @Test
    void aPeriodWithTheAutumnDstChangeProjectsItsTwentyFiveHourDay() {
        Instant start = LocalDate.of(2025, 11, 1).atStartOfDay(NEW_YORK).toInstant();
        Instant end = LocalDate.of(2025, 12, 1).atStartOfDay(NEW_YORK).toInstant();
        assertThat(Duration.between(start, end).toHours()).isEqualTo(721);

        Forecast forecast = Forecaster.forecast(input(start, end, start, NEW_YORK, BigDecimal.ZERO,
                constant(start, 8 * 168, new BigDecimal("4"))));

        assertThat(forecast.projected()).isEqualByComparingTo("2884"); // 721 × 4
    }

    @Test
    void slotsFollowLocalTimeAcrossDstChanges() {
        // London, Sunday 30 March 2025: 00:00 UTC is 00:00 GMT, 01:00 UTC is already 02:00 BST
        long springHour = HourOfWeek.epochHour(Instant.parse("2025-03-30T00:00:00Z"));
        assertThat(HourOfWeek.slots(LONDON.getRules(), springHour, 3)).containsExactly(144, 146, 147);
        // Sunday 26 October 2025: 00:00 UTC is 01:00 BST, 01:00 UTC is 01:00 GMT again
        long autumnHour = HourOfWeek.epochHour(Instant.parse("2025-10-26T00:00:00Z"));
        assertThat(HourOfWeek.slots(LONDON.getRules(), autumnHour, 3)).containsExactly(145, 145, 146);
        // a Monday 09:00 in New York (EDT, UTC−4)
        long monday = HourOfWeek.epochHour(Instant.parse("2025-06-02T13:00:00Z"));
        assertThat(HourOfWeek.slots(NEW_YORK.getRules(), monday, 1)).containsExactly(9);
    }

    @Test
    void exactlyRepeatingWeeksProjectTheirProfileExactly() {
        // February 2025 starts on a Saturday: after the weekend nothing is used yet, a run-rate would say zero.
        // 20 weekdays × 8 business hours × 10
        assertBusinessHoursProjectExactly(LocalDate.of(2025, 2, 1), Duration.ofDays(2), "1600");
        // April 2025: the 8 weeks of history cross the DST change of 9 March; the slots are local, so the weeks
        // still repeat exactly. 22 weekdays × 8 × 10
        assertBusinessHoursProjectExactly(LocalDate.of(2025, 4, 1), Duration.ZERO, "1760");
    }

    /** Weekdays 9–17 local: 10 per hour; every other hour missing from the history (zero). */
    private static void assertBusinessHoursProjectExactly(LocalDate month, Duration into, String expected) {
        ZoneId zone = NEW_YORK;
        Instant start = month.atStartOfDay(zone).toInstant();
        Instant end = month.plusMonths(1).atStartOfDay(zone).toInstant();
        Instant now = start.plus(into);
        Function<Instant, BigDecimal> usage = hour -> {
            ZonedDateTime local = hour.atZone(zone);
            boolean weekday = local.getDayOfWeek().getValue() <= DayOfWeek.FRIDAY.getValue();
            return weekday && local.getHour() >= 9 && local.getHour() < 17 ? BigDecimal.TEN : BigDecimal.ZERO;
        };
        List<HourlyUsage> history = new ArrayList<>();
        BigDecimal soFar = BigDecimal.ZERO;
        for (Instant hour = now.minus(Duration.ofHours(8 * 168)); hour.isBefore(now); hour = hour.plusSeconds(3600)) {
            if (usage.apply(hour).signum() > 0) {
                history.add(new HourlyUsage(hour, usage.apply(hour)));
                soFar = hour.isBefore(start) ? soFar : soFar.add(usage.apply(hour));
            }
        }

        Forecast forecast = Forecaster.forecast(input(start, end, now, zone, soFar, history));

        assertThat(forecast.projected()).isEqualByComparingTo(expected);
        assertThat(forecast.low()).isEqualByComparingTo(expected);
        assertThat(forecast.high()).isEqualByComparingTo(expected);
        assertThat(forecast.method()).isEqualTo("SEASONAL");
    }

    @Test
    void twoWeeksOfHistoryWeighTheProfileAndTheRunRateHalfAndHalf() {
        // UTC, March 2025 (starts on a Saturday): 21 weekdays × 8 business hours × 10 = 1680 by the profile;
        // 400 in the last 7 days: 400 / 168 × 744 hours = 1771.43 by the run-rate; w = 2 weeks / 4 = 0.5
        ZoneId utc = ZoneId.of("UTC");
        Instant start = Instant.parse("2025-03-01T00:00:00Z");
        Instant end = Instant.parse("2025-04-01T00:00:00Z");
        List<HourlyUsage> history = new ArrayList<>();
        for (Instant hour = start.minus(Duration.ofDays(14)); hour.isBefore(start); hour = hour.plusSeconds(3600)) {
            ZonedDateTime local = hour.atZone(utc);
            boolean business = local.getDayOfWeek().getValue() <= 5 && local.getHour() >= 9 && local.getHour() < 17;
            history.add(new HourlyUsage(hour, business ? BigDecimal.TEN : BigDecimal.ZERO));
        }

        Forecast forecast = Forecaster.forecast(input(start, end, start, utc, BigDecimal.ZERO, history));

        assertThat(forecast.method()).isEqualTo("BLENDED");
        assertThat(forecast.historyHours()).isEqualTo(336);
        assertThat(forecast.projected()).isCloseTo(new BigDecimal("1725.7142857"), within(new BigDecimal("1e-7")));
    }

    @Test
    void theLevelFollowsTheLastSevenDays() {
        // 7 weeks at 3 per hour, then a week at 6: the forecast runs on at 6
        Instant start = LocalDate.of(2025, 6, 1).atStartOfDay(LONDON).toInstant();
        Instant end = LocalDate.of(2025, 7, 1).atStartOfDay(LONDON).toInstant();
        List<HourlyUsage> history = new ArrayList<>(constant(start.minus(Duration.ofDays(7)), 7 * 168,
                new BigDecimal("3")));
        history.addAll(constant(start, 168, new BigDecimal("6")));

        Forecast forecast = Forecaster.forecast(input(start, end, start, LONDON, BigDecimal.ZERO, history));

        assertThat(forecast.projected()).isEqualByComparingTo(BigDecimal.valueOf(720 * 6));
        assertThat(forecast.low()).isLessThan(forecast.projected());
        assertThat(forecast.high()).isGreaterThan(forecast.projected());
    }

    @Test
    void underADayOfHistoryUsesTheRunRateOfWhatThereIs() {
        Instant start = Instant.parse("2025-05-01T00:00:00Z");
        Instant end = Instant.parse("2025-05-31T00:00:00Z");
        Instant now = start.plus(Duration.ofHours(10));
        List<HourlyUsage> history = new ArrayList<>();
        for (int h = 0; h < 10; h++) {
            history.add(new HourlyUsage(start.plus(Duration.ofHours(h)), BigDecimal.valueOf(h % 2 == 0 ? 1 : 3)));
        }

        Forecast forecast = Forecaster.forecast(input(start, end, now, ZoneId.of("UTC"), new BigDecimal("20"),
                history));

        assertThat(forecast.method()).isEqualTo("RUN_RATE");
        assertThat(forecast.historyHours()).isEqualTo(10);
        BigDecimal remaining = BigDecimal.valueOf(710 * 2); // 2 per hour
        assertThat(forecast.projected()).isEqualByComparingTo(remaining.add(BigDecimal.valueOf(20)));
        // the wide default: ±50 % of the remaining part
        assertThat(forecast.low()).isEqualByComparingTo(BigDecimal.valueOf(20 + 710));
        assertThat(forecast.high()).isEqualByComparingTo(BigDecimal.valueOf(20 + 3 * 710));
    }

    @Test
    void withoutHistoryTheRunRateComesFromUsageSoFar() {
        Instant start = Instant.parse("2025-05-01T00:00:00Z");
        Instant end = Instant.parse("2025-05-31T00:00:00Z");
        Instant now = start.plus(Duration.ofMinutes(90));

        Forecast forecast = Forecaster.forecast(input(start, end, now, ZoneId.of("UTC"), new BigDecimal("3"),
                List.of()));

        // 3 in 1.5 hours: 2 per hour for the remaining 718.5 hours
        assertThat(forecast.projected()).isEqualByComparingTo("1440");
        assertThat(forecast.low()).isEqualByComparingTo("721.5");
        assertThat(forecast.high()).isEqualByComparingTo("2158.5");
        assertThat(forecast.method()).isEqualTo("RUN_RATE");
        assertThat(forecast.historyHours()).isZero();
    }

    @Test
    void withNothingAtAllTheProjectionIsUsageSoFar() {
        Instant start = Instant.parse("2025-05-01T00:00:00Z");
        Instant end = Instant.parse("2025-05-31T00:00:00Z");

        Forecast forecast = Forecaster.forecast(input(start, end, start.plusSeconds(7200), ZoneId.of("UTC"),
                BigDecimal.ZERO, List.of()));

        assertThat(forecast.projected()).isEqualByComparingTo("0");
        assertThat(forecast.low()).isEqualByComparingTo("0");
        assertThat(forecast.high()).isEqualByComparingTo("0");
        assertThat(forecast.coverage()).isEqualByComparingTo("0.80");
    }

    @Test
    void afterThePeriodTheProjectionIsWhatWasUsed() {
        Instant start = Instant.parse("2025-05-01T00:00:00Z");
        Instant end = Instant.parse("2025-05-31T00:00:00Z");

        Forecast forecast = Forecaster.forecast(input(start, end, end.plusSeconds(60), LONDON,
                new BigDecimal("123.4"), constant(end, 1000, BigDecimal.ONE)));

        assertThat(forecast.projected()).isEqualByComparingTo("123.4");
        assertThat(forecast.low()).isEqualByComparingTo("123.4");
        assertThat(forecast.high()).isEqualByComparingTo("123.4");
    }

    @Test
    void beforeThePeriodTheWholePeriodIsForecast() {
        Instant start = Instant.parse("2025-05-01T00:00:00Z");
        Instant end = Instant.parse("2025-05-31T00:00:00Z");
        Instant now = start.minus(Duration.ofDays(3));

        Forecast forecast = Forecaster.forecast(input(start, end, now, LONDON, BigDecimal.ZERO,
                constant(now, 1000, BigDecimal.ONE)));

        assertThat(forecast.projected()).isEqualByComparingTo("720");
    }

    @Test
    void historyIsCappedAtEightWeeksAndEntriesFromTheRunningHourOnAreIgnored() {
        Instant start = Instant.parse("2025-05-01T00:00:00Z");
        Instant end = Instant.parse("2025-05-31T00:00:00Z");
        Instant now = start.plus(Duration.ofDays(1)).plusSeconds(1800);
        List<HourlyUsage> history = new ArrayList<>(constant(now.minusSeconds(1800), 2000, BigDecimal.ONE));
        history.add(new HourlyUsage(now.minusSeconds(1800), new BigDecimal("1000"))); // the running hour
        history.add(new HourlyUsage(now.plusSeconds(7200), new BigDecimal("1000"))); // after now: ignored too

        Forecast forecast = Forecaster.forecast(input(start, end, now, LONDON, new BigDecimal("24.5"), history));

        assertThat(forecast.historyHours()).isEqualTo(8 * 168);
        assertThat(forecast.projected()).isEqualByComparingTo("720");
    }

    @Test
    void entriesForTheSameHourAddUpAndNeedNotBeOnTheHour() {
        Instant start = Instant.parse("2025-05-01T00:00:00Z");
        Instant end = Instant.parse("2025-05-31T00:00:00Z");
        List<HourlyUsage> history = new ArrayList<>();
        for (HourlyUsage hour : constant(start, 8 * 168, BigDecimal.ONE)) {
            history.add(new HourlyUsage(hour.hour(), new BigDecimal("0.25")));
            history.add(new HourlyUsage(hour.hour().plusSeconds(59 * 60), new BigDecimal("0.75")));
        }

        Forecast forecast = Forecaster.forecast(input(start, end, start, LONDON, BigDecimal.ZERO, history));

        assertThat(forecast.projected()).isEqualByComparingTo("720");
    }

    @Test
    void manyDigitsStayExact() {
        // 15 significant digits (24 × c needs 16), and hours in two different scales
        Instant start = LocalDate.of(2025, 10, 1).atStartOfDay(LONDON).toInstant();
        Instant end = LocalDate.of(2025, 10, 2).atStartOfDay(LONDON).toInstant();
        BigDecimal c = new BigDecimal("12345678.9012345");
        List<HourlyUsage> history = new ArrayList<>();
        for (HourlyUsage hour : constant(start, 8 * 168, c)) {
            history.add(new HourlyUsage(hour.hour(), history.size() % 2 == 0 ? c : c.setScale(9)));
        }

        Forecast forecast = Forecaster.forecast(input(start, end, start, LONDON, BigDecimal.ZERO, history));

        assertThat(forecast.projected()).isEqualByComparingTo(c.multiply(BigDecimal.valueOf(24)));
        assertThat(forecast.low()).isEqualByComparingTo(forecast.high());
    }

    @Test
    void halfHourZonesForecastTheirPartialBoundaryHours() {
        ZoneId kolkata = ZoneId.of("Asia/Kolkata"); // local midnight is 18:30 UTC
        Instant start = LocalDate.of(2025, 1, 1).atStartOfDay(kolkata).toInstant();
        Instant end = LocalDate.of(2025, 2, 1).atStartOfDay(kolkata).toInstant();
        Instant nowHour = Instant.parse("2025-01-01T00:00:00Z");

        Forecast forecast = Forecaster.forecast(input(start, end, nowHour, kolkata, new BigDecimal("5.5"),
                constant(nowHour, 8 * 168, BigDecimal.ONE)));

        assertThat(forecast.projected()).isEqualByComparingTo("744");
    }

    @Test
    void invalidInputsAreRejected() {
        Instant t = Instant.parse("2025-05-01T00:00:00Z");
        assertThatThrownBy(() -> new HourlyUsage(t, new BigDecimal("-1")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ForecastInput(t, t, t, LONDON, BigDecimal.ZERO, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ForecastInput(t, t.plusSeconds(1), t, LONDON, new BigDecimal("-1"), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ForecastInput(t, t.plusSeconds(1), t, null, BigDecimal.ZERO, List.of()))
                .isInstanceOf(NullPointerException.class);
    }

    /** {@code hours} hours of usage {@code c}, the last one ending at {@code before}. */
    static List<HourlyUsage> constant(Instant before, int hours, BigDecimal c) {
        List<HourlyUsage> history = new ArrayList<>();
        for (int h = hours; h >= 1; h--) {
            history.add(new HourlyUsage(before.minus(Duration.ofHours(h)), c));
        }
        return history;
    }

    private static ForecastInput input(Instant start, Instant end, Instant now, ZoneId zone, BigDecimal soFar,
            List<HourlyUsage> history) {
        return new ForecastInput(start, end, now, zone, soFar, history);
    }
}
