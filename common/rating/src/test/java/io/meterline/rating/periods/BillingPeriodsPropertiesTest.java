package io.meterline.rating.periods;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.YearMonth;
import java.util.List;

import org.assertj.core.data.Offset;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Periods tile time with no gap or overlap, for every anchor day, time zone and year. */
class BillingPeriodsPropertiesTest {

    /** Zones with DST (some change at midnight), odd offsets, and a zone that skipped a whole day. */
    static final List<String> ZONES = List.of("UTC", "America/New_York", "Europe/London", "Europe/Berlin",
            "Australia/Lord_Howe", "America/Santiago", "America/Havana", "Asia/Beirut", "Asia/Kolkata",
            "Asia/Kathmandu", "Pacific/Apia", "Pacific/Chatham", "America/Sao_Paulo", "Asia/Tehran",
            "Africa/Casablanca", "America/St_Johns");

    @Provide
    Arbitrary<BillingCycle> cycles() {
        return Arbitraries.oneOf(Arbitraries.just(BillingCycle.CALENDAR_MONTH),
                Arbitraries.integers().between(1, 31).map(BillingCycle::anniversary));
    }

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of(ZONES).map(ZoneId::of);
    }

    @Provide
    Arbitrary<Instant> instants() {
        // 1990 to 2100: leap days, the 2000 and 2100 century rules and many DST rule changes.
        return Arbitraries.longs().between(631_152_000L, 4_102_444_800L).map(Instant::ofEpochSecond);
    }

    @Property(tries = 400)
    void consecutivePeriodsShareTheirBoundaryAndNeverOverlap(@ForAll("zones") ZoneId zone,
            @ForAll("cycles") BillingCycle cycle, @ForAll("instants") Instant startsAt,
            @ForAll @IntRange(min = 2, max = 40) int count) {
        BillingPeriods periods = new BillingPeriods(zone, cycle, startsAt, null);
        BillingPeriod period = periods.first();
        assertThat(period.start()).isEqualTo(startsAt);
        for (int i = 0; i < count; i++) {
            BillingPeriod next = periods.next(period).orElseThrow();
            assertThat(next.start()).isEqualTo(period.end());
            assertThat(next.start()).isBefore(next.end());
            assertThat(next.isStub()).isFalse();
            period = next;
        }
    }

    @Property(tries = 400)
    void everyBoundaryIsTheStartOfTheAnchorDayInTheClientsZone(@ForAll("zones") ZoneId zone,
            @ForAll("cycles") BillingCycle cycle, @ForAll("instants") Instant at) {
        BillingPeriod period = new BillingPeriods(zone, cycle, Instant.EPOCH, null).containing(at).orElseThrow();
        for (Instant boundary : List.of(period.start(), period.end())) {
            LocalDate day = LocalDate.ofInstant(boundary, zone);
            YearMonth month = YearMonth.from(day);
            LocalDate anchor = month.atDay(Math.min(cycle.dayOfMonth(), month.lengthOfMonth()));
            // The anchor day's first instant; only where a whole local day was skipped is that the next day.
            assertThat(boundary).isEqualTo(anchor.atStartOfDay(zone).toInstant());
            assertThat(day).isBetween(anchor, anchor.plusDays(1));
            // Nothing of the boundary's local day comes before it.
            assertThat(LocalDate.ofInstant(boundary.minusNanos(1), zone)).isBefore(day);
        }
    }

    @Property(tries = 400)
    void thePeriodContainingAnInstantContainsIt(@ForAll("zones") ZoneId zone, @ForAll("cycles") BillingCycle cycle,
            @ForAll("instants") Instant startsAt, @ForAll("instants") Instant at) {
        BillingPeriods periods = new BillingPeriods(zone, cycle, startsAt, null);
        if (at.isBefore(startsAt)) {
            assertThat(periods.containing(at)).isEmpty();
            return;
        }
        BillingPeriod period = periods.containing(at).orElseThrow();
        assertThat(period.contains(at)).isTrue();
        assertThat(periods.containing(period.start())).contains(period);
        assertThat(periods.containing(period.end().minusNanos(1))).contains(period);
    }

    @Property(tries = 300)
    void periodsEndedByACutoffTileFromStartsAtUpToTheCutoff(@ForAll("zones") ZoneId zone,
            @ForAll("cycles") BillingCycle cycle, @ForAll("instants") Instant startsAt,
            @ForAll @IntRange(min = 0, max = 4000) int days) {
        Instant cutoff = startsAt.plusSeconds(days * 86_400L);
        List<BillingPeriod> ended = new BillingPeriods(zone, cycle, startsAt, null).endedBy(cutoff);
        Instant expectedStart = startsAt;
        for (BillingPeriod period : ended) {
            assertThat(period.start()).isEqualTo(expectedStart);
            assertThat(period.end()).isBeforeOrEqualTo(cutoff);
            expectedStart = period.end();
        }
        // The period after the last ended one is still open at the cutoff.
        BillingPeriod open = new BillingPeriods(zone, cycle, startsAt, null).containing(expectedStart).orElseThrow();
        assertThat(open.end()).isAfter(cutoff);
    }

    @Property(tries = 300)
    void aClientThatEndsHasALastPeriodEndingThere(@ForAll("zones") ZoneId zone, @ForAll("cycles") BillingCycle cycle,
            @ForAll("instants") Instant startsAt, @ForAll @IntRange(min = 1, max = 2000) int days) {
        Instant endsAt = startsAt.plusSeconds(days * 86_400L - 1);
        List<BillingPeriod> all = new BillingPeriods(zone, cycle, startsAt, endsAt).endedBy(endsAt.plusSeconds(1));
        assertThat(all).isNotEmpty();
        assertThat(all.get(0).start()).isEqualTo(startsAt);
        assertThat(all.get(all.size() - 1).end()).isEqualTo(endsAt);
        assertThat(new BillingPeriods(zone, cycle, startsAt, endsAt).containing(endsAt)).isEmpty();
    }

    @Property(tries = 300)
    void fractionsOfTheNominalPeriodAddUpToTheWhole(@ForAll("zones") ZoneId zone,
            @ForAll("cycles") BillingCycle cycle, @ForAll("instants") Instant at,
            @ForAll @IntRange(min = 1, max = 999) int permille) {
        BillingPeriod period = new BillingPeriods(zone, cycle, Instant.EPOCH, null).containing(at).orElseThrow();
        long seconds = period.end().getEpochSecond() - period.start().getEpochSecond();
        Instant split = period.start().plusSeconds(seconds * permille / 1000);
        assertThat(period.fraction()).isEqualByComparingTo("1");
        assertThat(period.fractionOf(period.start(), split).add(period.fractionOf(split, null)))
                .isCloseTo(BigDecimal.ONE, Offset.offset(new BigDecimal("1e-17")));
    }
}
