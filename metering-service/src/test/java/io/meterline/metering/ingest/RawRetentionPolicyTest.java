package io.meterline.metering.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.Test;

class RawRetentionPolicyTest {

    private static final Instant NOW = Instant.parse("2027-06-15T10:00:00Z");
    private static final Duration LATE = Duration.ofDays(35);
    private static final List<YearMonth> MONTHS = List.of(YearMonth.of(2027, 6), YearMonth.of(2026, 3),
            YearMonth.of(2026, 2), YearMonth.of(2026, 4));
    private static final RawRetentionPolicy.Billing NO_CLIENTS = new RawRetentionPolicy.Billing(0, 0, null);

    @Test
    void monthsEndedLongerAgoThanTheRetentionGoOldestFirstWhenNoClientIsBilled() {
        // 2026-04 ends 2026-05-01, 410 days before NOW; 2026-03 ends 441 days before.
        RawRetentionPolicy.Decision d = RawRetentionPolicy.decide(MONTHS, NOW, Duration.ofDays(420), LATE, NO_CLIENTS);
        assertThat(d.drop()).containsExactly(YearMonth.of(2026, 2), YearMonth.of(2026, 3));
        assertThat(d.heldBack()).isNull();
    }

    @Test
    void theLateWindowWinsOverAShorterRetention() {
        // A 1-day retention: still, a month an event may still arrive in (within 35 days) is kept.
        List<YearMonth> months = List.of(YearMonth.of(2027, 5), YearMonth.of(2027, 4));
        assertThat(RawRetentionPolicy.decide(months, NOW, Duration.ofDays(1), LATE, NO_CLIENTS).drop())
                .containsExactly(YearMonth.of(2027, 4));
        assertThat(RawRetentionPolicy.keptFrom(NOW, Duration.ofDays(1), LATE)).isEqualTo(NOW.minus(LATE));
    }

    @Test
    void aClientNotInvoicedYetHoldsEveryMonthBackAndTheReasonSaysSo() {
        RawRetentionPolicy.Decision d = RawRetentionPolicy.decide(MONTHS, NOW, Duration.ofDays(420), LATE,
                new RawRetentionPolicy.Billing(3, 1, Instant.parse("2027-06-01T00:00:00Z")));
        assertThat(d.drop()).isEmpty();
        assertThat(d.heldBack()).isEqualTo("2026-02 and later: 1 enabled client(s) not invoiced yet");
    }

    @Test
    void onlyMonthsEveryClientIsInvoicedPastGo() {
        // Invoiced through 2026-03-20 (a client in another time zone, mid-month): February goes, March waits.
        RawRetentionPolicy.Decision d = RawRetentionPolicy.decide(MONTHS, NOW, Duration.ofDays(420), LATE,
                new RawRetentionPolicy.Billing(2, 0, Instant.parse("2026-03-20T00:00:00Z")));
        assertThat(d.drop()).containsExactly(YearMonth.of(2026, 2));
        assertThat(d.heldBack()).startsWith("2026-03 and later: a client is invoiced only through 2026-03-20");
        // Invoiced exactly through March's end: March goes too.
        assertThat(RawRetentionPolicy.decide(MONTHS, NOW, Duration.ofDays(420), LATE,
                new RawRetentionPolicy.Billing(2, 0, Instant.parse("2026-04-01T00:00:00Z"))).drop())
                .containsExactly(YearMonth.of(2026, 2), YearMonth.of(2026, 3));
    }
}
