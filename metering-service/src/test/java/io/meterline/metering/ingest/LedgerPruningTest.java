package io.meterline.metering.ingest;

import static io.meterline.metering.Metering.count;
import static io.meterline.metering.Metering.meter;
import static io.meterline.metering.Metering.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.meterline.metering.MeteringTest;
import io.quarkus.test.junit.QuarkusTest;

/** The ledger forgets identities past the dedup window, and only those; stored usage is untouched. */
@QuarkusTest
@MeteringTest
class LedgerPruningTest {

    @Inject
    EventBatchWriter writer;

    @Inject
    LedgerPruning pruning;

    @Test
    void identitiesFirstSeenBeforeTheWindowAreForgottenAndTheirUsageStays() throws Exception {
        String meter = meter("SUM", null);
        String customer = unique("prune");
        Instant at = Instant.now().minus(2, ChronoUnit.HOURS);
        writer.write(List.of(new RawUsageEvent(1, "old", meter, customer, null, null, at, BigDecimal.ONE, Map.of(), at),
                new RawUsageEvent(1, "recent", meter, customer, null, null, at, BigDecimal.TEN, Map.of(), at)));
        count("WITH aged AS (UPDATE event_identity SET first_seen = now() - interval '41 days' "
                + "WHERE scope = ? AND event_id = 'old' RETURNING 1) SELECT count(*) FROM aged", "c:" + customer);

        assertThat(pruning.prune().await().atMost(Duration.ofSeconds(30))).isGreaterThanOrEqualTo(1);

        assertThat(count("SELECT count(*) FROM event_identity WHERE scope = ? AND event_id = 'old'", "c:" + customer))
                .isZero();
        assertThat(count("SELECT count(*) FROM event_identity WHERE scope = ? AND event_id = 'recent'", "c:" + customer))
                .isEqualTo(1);
        assertThat(count("SELECT coalesce(sum(value), 0)::bigint FROM meter_event WHERE scope = ?", "c:" + customer))
                .isEqualTo(11);
    }

    @Test
    void aDedupWindowShorterThanTheLateWindowIsRefused() {
        assertThatThrownBy(() -> LedgerPruning.requireWindowCoversLateWindow(Duration.ofDays(7), Duration.ofDays(35)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("dedup-window");
        LedgerPruning.requireWindowCoversLateWindow(Duration.ofDays(35), Duration.ofDays(35));
    }
}
