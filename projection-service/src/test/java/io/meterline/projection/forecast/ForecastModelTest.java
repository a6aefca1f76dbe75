package io.meterline.projection.forecast;

import static io.meterline.projection.forecast.ForecasterTest.constant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class ForecastModelTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final Instant MAY = Instant.parse("2025-05-01T00:00:00Z");
    private static final Instant JUNE = Instant.parse("2025-05-31T00:00:00Z");

    @Test
    void aModelFittedEarlierForecastsTheHoursLeftFromNow() {
        // February 2025 (starts on a Saturday), weekdays 9–17 New York time at 10 per hour; fitted at the start
        Instant start = LocalDate.of(2025, 2, 1).atStartOfDay(NEW_YORK).toInstant();
        Instant end = LocalDate.of(2025, 3, 1).atStartOfDay(NEW_YORK).toInstant();
        ForecastModel model = Forecaster.fit(businessHours(start.minus(Duration.ofHours(8 * 168)), start), NEW_YORK,
                start, end);

        // applied on Tuesday at 12:30: Monday's 80 and Tuesday's 35 so far, then 4.5 + 18 × 8 hours at 10
        Instant now = LocalDate.of(2025, 2, 4).atTime(12, 30).atZone(NEW_YORK).toInstant();
        Forecast forecast = Forecaster.apply(model, start, end, now, new BigDecimal("115"));

        assertThat(forecast.projected()).isEqualByComparingTo("1600");
        assertThat(forecast.low()).isEqualByComparingTo("1600");
        assertThat(forecast.high()).isEqualByComparingTo("1600");
        assertThat(forecast.method()).isEqualTo("SEASONAL");
    }

    @Test
    void theLevelAndTheIntervalAreThoseOfTheFit() {
        // fitted on 8 weeks at 3 per hour, then the usage doubles: until it is refitted, the model runs on at 3
        ForecastModel model = Forecaster.fit(constant(MAY, 8 * 168, new BigDecimal("3")), UTC, MAY, JUNE);
        Instant now = MAY.plus(Duration.ofDays(10));

        Forecast forecast = Forecaster.apply(model, MAY, JUNE, now, BigDecimal.valueOf(240 * 6));

        assertThat(forecast.projected()).isEqualByComparingTo(BigDecimal.valueOf(240 * 6 + 480 * 3));
        assertThat(forecast.low()).isEqualByComparingTo(forecast.high());
        assertThat(model.fittedAt()).isEqualTo(MAY);
    }

    @Test
    void withoutHistoryTheModelIsNoneAndTheRunRateComesFromUsageSoFar() {
        ForecastModel none = Forecaster.fit(List.of(), UTC, MAY, JUNE);

        assertThat(none.method()).isEqualTo("NONE");
        assertThat(none.historyHours()).isZero();
        assertThat(none.slotUsage()).isEmpty();
        assertThat(none.slotHours()).isEmpty();
        assertThat(none.slotRates()).isEmpty();
        assertThat(none.halfWidth()).isNull();
        assertThat(ForecastModel.decode(none.encode())).isEqualTo(none);
        // 3 in 1.5 hours: 2 per hour for the remaining 718.5 hours, ±50 %
        Forecast forecast = Forecaster.apply(none, MAY, JUNE, MAY.plus(Duration.ofMinutes(90)), new BigDecimal("3"));
        assertThat(forecast.projected()).isEqualByComparingTo("1440");
        assertThat(forecast.low()).isEqualByComparingTo("721.5");
        assertThat(forecast.high()).isEqualByComparingTo("2158.5");
        assertThat(forecast.method()).isEqualTo("RUN_RATE");
        // nothing at all: the projection is the usage so far
        Forecast nothing = Forecaster.apply(none, MAY, JUNE, MAY.plusSeconds(7200), BigDecimal.ZERO);
        assertThat(nothing.projected()).isEqualByComparingTo("0");
        assertThat(nothing.high()).isEqualByComparingTo("0");
    }

    @Test
    void underADayOfHistoryTheModelIsTheRunRateOfWhatThereIs() {
        List<HourlyUsage> history = new ArrayList<>();
        for (int h = 0; h < 10; h++) {
            history.add(new HourlyUsage(MAY.plus(Duration.ofHours(h)), BigDecimal.valueOf(h % 2 == 0 ? 1 : 3)));
        }
        Instant now = MAY.plus(Duration.ofHours(10));
        ForecastModel model = Forecaster.fit(history, UTC, now, JUNE);

        assertThat(model.method()).isEqualTo("RUN_RATE");
        assertThat(model.slotRates()).hasSize(168).allSatisfy(rate -> assertThat(rate).isEqualByComparingTo("2"));
        Forecast forecast = Forecaster.apply(model, MAY, JUNE, now, new BigDecimal("20"));
        assertThat(forecast.projected()).isEqualByComparingTo(BigDecimal.valueOf(20 + 710 * 2));
        assertThat(forecast.low()).isEqualByComparingTo(BigDecimal.valueOf(20 + 710));
        assertThat(forecast.high()).isEqualByComparingTo(BigDecimal.valueOf(20 + 3 * 710));
    }

    @Test
    void slotRatesAreTheExpectedHourlyUsageOfEachLocalSlot() {
        Instant now = LocalDate.of(2025, 4, 1).atStartOfDay(NEW_YORK).toInstant();
        ForecastModel model = Forecaster.fit(businessHours(now.minus(Duration.ofHours(8 * 168)), now), NEW_YORK, now,
                now.plus(Duration.ofDays(30)));

        List<BigDecimal> rates = model.slotRates();

        assertThat(rates).hasSize(168);
        assertThat(rates.get(10)).isEqualByComparingTo("10"); // Monday 10:00
        assertThat(rates.get(4 * 24 + 16)).isEqualByComparingTo("10"); // Friday 16:00
        assertThat(rates.get(4 * 24 + 17)).isEqualByComparingTo("0"); // Friday 17:00
        assertThat(rates.get(6 * 24 + 12)).isEqualByComparingTo("0"); // Sunday noon
    }

    @Test
    void aFlatMeterEncodesInAFewBytes() {
        Instant now = Instant.parse("2026-11-29T10:00:00Z");
        ForecastModel model = Forecaster.fit(constant(now, 8 * 168, new BigDecimal("2.5")), LONDON, now,
                Instant.parse("2026-12-01T00:00:00Z"));

        String text = model.encode();

        // the 25-hour day BST ended (Sunday 25 October) has two hours in the slot of Sunday 01:00, so the 1344 UTC
        // hours cover one local hour less than 8 weeks: 7 hours in the slot of Sunday 10:00
        assertThat(text).isEqualTo("v1;SEASONAL;1344;Europe/London;2026-11-29T10:00:00Z;420.0;11642400.0;0.00;1;"
                + "8*145,9,8*8,7,8*13;20.0*145,22.5,20.0*8,17.5,20.0*13");
        assertThat(ForecastModel.decode(text)).isEqualTo(model);
        assertThat(model.slotRates()).allSatisfy(rate -> assertThat(rate).isEqualByComparingTo("2.5"));
    }

    @Test
    void slotsWithoutHistoryHaveNoHours() {
        Instant now = MAY.plus(Duration.ofHours(30)); // 30 hours of history: most slots have none
        ForecastModel model = Forecaster.fit(constant(now, 30, BigDecimal.ONE), UTC, now, JUNE);

        assertThat(model.method()).isEqualTo("BLENDED");
        assertThat(model.slotHours()).hasSize(168).containsOnly(0, 1);
        assertThat(model.slotHours().stream().filter(hours -> hours == 1)).hasSize(30);
        ForecastModel decoded = ForecastModel.decode(model.encode());
        assertThat(decoded).isEqualTo(model);
        assertThat(Forecaster.apply(decoded, MAY, JUNE, now, new BigDecimal("30")).projected())
                .isEqualByComparingTo("720");
        assertThatThrownBy(() -> model.slotUsage().set(0, BigDecimal.ONE))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void malformedTextsAreRejectedNamingWhatIsWrong() {
        String good = Forecaster.fit(constant(MAY, 8 * 168, BigDecimal.ONE), UTC, MAY, JUNE).encode();
        String[] f = good.split(";", -1);

        assertRejected("", "not a v1 forecast model");
        assertRejected("v2;SEASONAL", "not a v1 forecast model");
        assertRejected("v1;SEASONAL;1344", "11 fields, not 3");
        assertRejected(with(f, 1, "MAGIC"), "unknown method: MAGIC");
        assertRejected(with(f, 2, "100"), "method SEASONAL does not go with 100 history hours");
        assertRejected(with(f, 2, "x"), "historyHours is not an integer: 'x'");
        assertRejected(with(f, 3, "Mars/Olympus"), "zone is not a time zone: 'Mars/Olympus'");
        assertRejected(with(f, 4, "yesterday"), "fittedAt is not an instant: 'yesterday'");
        assertRejected(with(f, 5, "1,5"), "windowUsage is not a number: '1,5'");
        assertRejected(with(f, 6, "-1"), "windowProfile must not be negative: -1");
        assertRejected(with(f, 7, ""), "halfWidth is not a number: ''");
        assertRejected(with(f, 8, "yes"), "flatHistory is not 0 or 1: 'yes'");
        assertRejected(with(f, 9, "8*167"), "a SEASONAL model has 168 slots, not 168 and 167");
        assertRejected(with(f, 9, "8*168,2"), "slotHours has more than 168 values");
        assertRejected(with(f, 9, "8*x"), "slotHours repeat count is not an integer: 'x'");
        assertRejected(with(f, 9, "8*0"), "slotHours repeat count is not positive: 0");
        assertRejected(with(f, 9, "0,8*167"), "slot 0 cannot have 8 in 0 hours");
        assertRejected(with(f, 9, "13,8*167"), "slot 0 cannot have 8 in 13 hours");
        assertRejected(with(f, 10, "8,,8*166"), "slotUsage value is not a number: ''");
        assertThatThrownBy(() -> ForecastModel.decode(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void applyChecksItsArgumentsAsForecastInputDoes() {
        ForecastModel none = Forecaster.fit(List.of(), UTC, MAY, JUNE);

        assertThatThrownBy(() -> Forecaster.apply(none, JUNE, MAY, MAY, BigDecimal.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("period must end after it starts");
        assertThatThrownBy(() -> Forecaster.apply(none, MAY, JUNE, MAY, new BigDecimal("-1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("usageSoFar");
        assertThatThrownBy(() -> Forecaster.apply(null, MAY, JUNE, MAY, BigDecimal.ZERO))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ForecastModel("NONE", 0, UTC, MAY, Collections.nCopies(168, BigDecimal.ONE),
                Collections.nCopies(168, 1), BigDecimal.ZERO, BigDecimal.ZERO, null, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has 0 slots, not 168 and 168");
    }

    private static void assertRejected(String text, String message) {
        assertThatThrownBy(() -> ForecastModel.decode(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    private static String with(String[] fields, int index, String value) {
        String[] copy = fields.clone();
        copy[index] = value;
        return String.join(";", copy);
    }

    /** Weekdays 9–17 local: 10 per hour, other hours missing (zero), in [from, to). */
    private static List<HourlyUsage> businessHours(Instant from, Instant to) {
        List<HourlyUsage> history = new ArrayList<>();
        for (Instant hour = from; hour.isBefore(to); hour = hour.plusSeconds(3600)) {
            ZonedDateTime local = hour.atZone(NEW_YORK);
            if (local.getDayOfWeek().getValue() <= DayOfWeek.FRIDAY.getValue() && local.getHour() >= 9
                    && local.getHour() < 17) {
                history.add(new HourlyUsage(hour, BigDecimal.TEN));
            }
        }
        return history;
    }
}
