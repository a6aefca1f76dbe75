package io.meterline.rating.periods;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Named cases: short months, leap years, daylight saving, and a client that starts mid-period. */
class BillingPeriodsExamplesTest {

    static final ZoneId UTC = ZoneId.of("UTC");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static List<String> starts(BillingPeriods periods, String from, int count) {
        BillingPeriod period = periods.containing(Instant.parse(from)).orElseThrow();
        List<String> starts = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            starts.add(period.start().toString());
            period = periods.next(period).orElseThrow();
        }
        return starts;
    }

    @Test
    void anchor31FallsOnEachMonthsLastDayWhenShorterThroughFebruary2027And2028() {
        BillingPeriods periods = new BillingPeriods(UTC, BillingCycle.anniversary(31),
                Instant.parse("2026-08-31T00:00:00Z"), null);
        assertThat(starts(periods, "2026-08-31T00:00:00Z", 8)).containsExactly("2026-08-31T00:00:00Z",
                "2026-09-30T00:00:00Z", "2026-10-31T00:00:00Z", "2026-11-30T00:00:00Z", "2026-12-31T00:00:00Z",
                "2027-01-31T00:00:00Z", "2027-02-28T00:00:00Z", "2027-03-31T00:00:00Z");
        assertThat(starts(periods, "2028-01-31T00:00:00Z", 3)).containsExactly("2028-01-31T00:00:00Z",
                "2028-02-29T00:00:00Z", "2028-03-31T00:00:00Z");
    }

    @Test
    void anchor30And29ThroughFebruary() {
        BillingPeriods thirty = new BillingPeriods(UTC, BillingCycle.anniversary(30), Instant.EPOCH, null);
        assertThat(starts(thirty, "2027-01-30T00:00:00Z", 3)).containsExactly("2027-01-30T00:00:00Z",
                "2027-02-28T00:00:00Z", "2027-03-30T00:00:00Z");
        assertThat(starts(thirty, "2028-01-30T00:00:00Z", 3)).containsExactly("2028-01-30T00:00:00Z",
                "2028-02-29T00:00:00Z", "2028-03-30T00:00:00Z");
        BillingPeriods twentyNine = new BillingPeriods(UTC, BillingCycle.anniversary(29), Instant.EPOCH, null);
        assertThat(starts(twentyNine, "2027-01-29T00:00:00Z", 3)).containsExactly("2027-01-29T00:00:00Z",
                "2027-02-28T00:00:00Z", "2027-03-29T00:00:00Z");
        assertThat(starts(twentyNine, "2028-01-29T00:00:00Z", 3)).containsExactly("2028-01-29T00:00:00Z",
                "2028-02-29T00:00:00Z", "2028-03-29T00:00:00Z");
    }

    @Test
    void aNewYorkClientsCalendarPeriodsStartAtLocalMidnightAcrossBothDstChanges() {
        BillingPeriods periods = new BillingPeriods(NEW_YORK, BillingCycle.CALENDAR_MONTH, Instant.EPOCH, null);
        // EST is UTC-5 and EDT UTC-4; DST began on 2026-03-08 and ends on 2026-11-01 at 02:00 local.
        assertThat(starts(periods, "2026-02-15T00:00:00Z", 3)).containsExactly("2026-02-01T05:00:00Z",
                "2026-03-01T05:00:00Z", "2026-04-01T04:00:00Z");
        assertThat(starts(periods, "2026-10-15T00:00:00Z", 3)).containsExactly("2026-10-01T04:00:00Z",
                "2026-11-01T04:00:00Z", "2026-12-01T05:00:00Z");
        BillingPeriod march = periods.containing(Instant.parse("2026-03-20T00:00:00Z")).orElseThrow();
        // 31 days less the hour skipped on March 8.
        assertThat(march.end().getEpochSecond() - march.start().getEpochSecond()).isEqualTo(31 * 86_400L - 3_600L);
    }

    @Test
    void aNewYorkAnniversaryOnTheDayOfEachDstChangeStillStartsAtLocalMidnight() {
        BillingPeriods eighth = new BillingPeriods(NEW_YORK, BillingCycle.anniversary(8), Instant.EPOCH, null);
        assertThat(starts(eighth, "2026-02-20T00:00:00Z", 2)).containsExactly("2026-02-08T05:00:00Z",
                "2026-03-08T05:00:00Z");
        BillingPeriods first = new BillingPeriods(NEW_YORK, BillingCycle.anniversary(1), Instant.EPOCH, null);
        assertThat(starts(first, "2026-10-20T00:00:00Z", 2)).containsExactly("2026-10-01T04:00:00Z",
                "2026-11-01T04:00:00Z");
    }

    @Test
    void whereMidnightDoesNotExistTheBoundaryIsTheDaysFirstInstant() {
        // Chile's clocks went from 23:59:59 on 2026-09-05 to 01:00 on 2026-09-06 (UTC-4 to UTC-3).
        BillingPeriods periods = new BillingPeriods(ZoneId.of("America/Santiago"), BillingCycle.anniversary(6),
                Instant.EPOCH, null);
        BillingPeriod september = periods.containing(Instant.parse("2026-09-20T00:00:00Z")).orElseThrow();
        assertThat(september.start()).isEqualTo(Instant.parse("2026-09-06T04:00:00Z"));
        assertThat(september.start().atZone(ZoneId.of("America/Santiago")).toLocalTime().toString())
                .isEqualTo("01:00");
    }

    @Test
    void whereAWholeLocalDayWasSkippedThePeriodStartsWithTheNextDay() {
        // Samoa skipped 2011-12-30 entirely, moving from UTC-10 to UTC+14.
        BillingPeriods periods = new BillingPeriods(ZoneId.of("Pacific/Apia"), BillingCycle.anniversary(30),
                Instant.EPOCH, null);
        BillingPeriod december = periods.containing(Instant.parse("2011-12-20T00:00:00Z")).orElseThrow();
        assertThat(december.end()).isEqualTo(Instant.parse("2011-12-30T10:00:00Z"));
        assertThat(december.end().atZone(ZoneId.of("Pacific/Apia")).toLocalDateTime().toString())
                .isEqualTo("2011-12-31T00:00");
        assertThat(periods.next(december).orElseThrow().start()).isEqualTo(december.end());
    }

    @Test
    void aClientStartingMidPeriodGetsAProratedStubThenWholePeriods() {
        BillingPeriods periods = new BillingPeriods(UTC, BillingCycle.anniversary(15),
                Instant.parse("2026-03-20T12:00:00Z"), null);
        BillingPeriod stub = periods.first();
        assertThat(stub.start()).isEqualTo(Instant.parse("2026-03-20T12:00:00Z"));
        assertThat(stub.end()).isEqualTo(Instant.parse("2026-04-15T00:00:00Z"));
        assertThat(stub.isStub()).isTrue();
        // 25.5 of the 31 days from March 15 to April 15.
        assertThat(stub.fraction()).isEqualByComparingTo("0.822580645161290323");
        BillingPeriod whole = periods.next(stub).orElseThrow();
        assertThat(whole.isStub()).isFalse();
        assertThat(whole.fraction()).isEqualByComparingTo("1");
        assertThat(whole.end()).isEqualTo(Instant.parse("2026-05-15T00:00:00Z"));
    }

    @Test
    void aClientThatEndsGetsAShortLastPeriodAndNothingAfter() {
        BillingPeriods periods = new BillingPeriods(UTC, BillingCycle.CALENDAR_MONTH,
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-03-11T00:00:00Z"));
        List<BillingPeriod> all = periods.endedBy(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(all).extracting(p -> p.end().toString()).containsExactly("2026-02-01T00:00:00Z",
                "2026-03-01T00:00:00Z", "2026-03-11T00:00:00Z");
        assertThat(all.get(2).fraction()).isEqualByComparingTo("0.322580645161290323");
    }

    @Test
    void aPeriodEndsBeforeACutoffOnlyIfItsLastInstantIsBeforeIt() {
        BillingPeriods periods = new BillingPeriods(UTC, BillingCycle.CALENDAR_MONTH,
                Instant.parse("2026-01-01T00:00:00Z"), null);
        assertThat(periods.endedBy(Instant.parse("2026-02-01T00:00:00Z"))).hasSize(1);
        assertThat(periods.endedBy(Instant.parse("2026-01-31T23:59:59Z"))).isEmpty();
    }
}
