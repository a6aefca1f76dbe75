package io.meterline.metering.ingest;

import static io.meterline.metering.Metering.count;
import static io.meterline.metering.Metering.meter;
import static io.meterline.metering.Metering.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.meterline.metering.MeteringTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The ledger's epochs: a duplicate first seen in a sealed epoch is found there, through its filter or without one
 * (as after a restart); an epoch is sealed only once no writer is claiming in it; and whole epochs are forgotten once
 * they ended before the dedup window, leaving stored usage alone.
 */
@QuarkusTest
@MeteringTest
class LedgerEpochsTest {

    private final Instant at = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    @Inject
    EventBatchWriter writer;

    @Inject
    LedgerEpochs epochs;

    @Inject
    LedgerFilters filters;

    @Inject
    IngestConfig config;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry registry;

    private RawUsageEvent event(String id, String meter, String customer, String value) {
        return RawEvents.customerEvent(id, meter, customer, value, at);
    }

    @Test
    void aDuplicateFirstSeenInASealedEpochIsStoredOnceWithTheEpochsFilterWithoutItAndAfterARestart() throws Exception {
        String meter = meter("SUM", null);
        String customer = unique("sealed");
        int sealed = firstSeenInASealedEpoch(meter, customer, "first", "5");
        assertThat(filters.of(sealed)).as("the pass that sealed the epoch built its filter").isNotNull();

        EventBatchWriter.Outcome withFilter = writer.write(List.of(event("first", meter, customer, "5"),
                event("second", meter, customer, "7")));
        assertThat(withFilter.stored()).isEqualTo(1);
        assertThat(withFilter.conflicting()).isZero();

        // As after a restart, before the first pass: no filter, so the sealed epochs are probed for every identity
        // (every answer a false positive but one). A disagreeing duplicate is still counted as such.
        filters.forgetAll();
        assertThat(filters.of(sealed)).isNull();
        EventBatchWriter.Outcome withoutFilter = writer.write(List.of(event("first", meter, customer, "9"),
                event("third", meter, customer, "11")));
        assertThat(withoutFilter.stored()).isEqualTo(1);
        assertThat(withoutFilter.conflicting()).isEqualTo(1);

        // The restart's first pass loads the filter the sealing pass stored.
        filters.refresh();
        assertThat(filters.of(sealed)).isNotNull();
        assertThat(filters.of(sealed).mightContain(IdentityFilter.hash("c:" + customer, "first"))).isTrue();
        assertThat(writer.write(List.of(event("first", meter, customer, "5"))).stored()).isZero();

        assertThat(count("SELECT coalesce(sum(value), 0)::bigint FROM meter_event WHERE scope = ?", "c:" + customer))
                .isEqualTo(5 + 7 + 11);
        assertThat(count("SELECT coalesce(sum(value_sum), 0)::bigint FROM usage_rollup WHERE meter = ? AND customer = ?",
                meter, customer)).isEqualTo(5 + 7 + 11);
    }

    @Test
    void duplicatesFirstSeenInDifferentSealedEpochsAreEachFoundInTheirOwnWithAndWithoutFilters() throws Exception {
        String meter = meter("SUM", null);
        String customer = unique("two-epochs");
        int older = firstSeenInASealedEpoch(meter, customer, "older", "2");
        int newer = firstSeenInASealedEpoch(meter, customer, "newer", "3");
        assertThat(older).isNotEqualTo(newer);
        assertThat(filters.of(older)).isNotNull();
        assertThat(filters.of(newer)).isNotNull();

        // One batch asks both epochs, each in its own partition: the one that agrees is a plain duplicate, the other
        // disagrees with its first sighting, and only the new event is stored.
        double foundBefore = registry.counter("meterline.ingest.ledger.found.sealed").count();
        EventBatchWriter.Outcome withFilters = writer.write(List.of(event("newer", meter, customer, "3"),
                event("fresh-1", meter, customer, "5"), event("older", meter, customer, "4")));
        assertThat(withFilters.stored()).isEqualTo(1);
        assertThat(withFilters.conflicting()).isEqualTo(1);
        assertThat(registry.counter("meterline.ingest.ledger.found.sealed").count() - foundBefore)
                .as("found in the sealed epochs").isEqualTo(2);

        filters.forgetAll(); // every sealed epoch is asked about every identity, in one statement
        EventBatchWriter.Outcome withoutFilters = writer.write(List.of(event("older", meter, customer, "2"),
                event("newer", meter, customer, "6"), event("fresh-2", meter, customer, "7")));
        assertThat(withoutFilters.stored()).isEqualTo(1);
        assertThat(withoutFilters.conflicting()).isEqualTo(1);
        filters.refresh();

        assertThat(count("SELECT coalesce(sum(value_sum), 0)::bigint FROM usage_rollup WHERE meter = ? AND customer = ?",
                meter, customer)).isEqualTo(2 + 3 + 5 + 7);
    }

    @Test
    void aRestartThatRebuildsTheFiltersWhileEventsArriveStoresEachEventOnce() throws Exception {
        String meter = meter("SUM", null);
        String customer = unique("restart");
        List<RawUsageEvent> sealedOnes = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            sealedOnes.add(event("s-" + i, meter, customer, "1"));
        }
        writer.write(sealedOnes);
        LedgerTurns.sealCurrent(epochs, dataSource, config);
        int sealed = epochOf(customer, "s-0");
        // As after a restart of the only replica, before any stored filter: it must be built again from the epoch.
        count("WITH forgotten AS (UPDATE ledger_epoch SET filter = NULL WHERE epoch = ? RETURNING 1) "
                + "SELECT count(*) FROM forgotten", sealed);
        filters.forgetAll();

        CompletableFuture<Void> restart = CompletableFuture.runAsync(() -> {
            try {
                filters.refresh();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        int rounds = 0;
        do {
            List<RawUsageEvent> batch = new ArrayList<>(sealedOnes);
            for (int i = 0; i < 10; i++) {
                batch.add(event("n-" + rounds + "-" + i, meter, customer, "100"));
            }
            assertThat(writer.write(batch).stored()).as("round %d", rounds).isEqualTo(10);
            rounds++;
        } while (!restart.isDone() || rounds < 5);
        restart.get();

        assertThat(filters.of(sealed).mightContain(IdentityFilter.hash("c:" + customer, "s-199"))).isTrue();
        assertThat(count("SELECT count(*) FROM ledger_epoch WHERE epoch = ? AND filter IS NOT NULL", sealed))
                .isEqualTo(1);
        assertThat(count("SELECT coalesce(sum(value_sum), 0)::bigint FROM usage_rollup WHERE meter = ? AND customer = ?",
                meter, customer)).isEqualTo(200 + 1_000L * rounds);
    }

    @Test
    void anEpochIsSealedOnlyAfterTheWriterClaimingInItHasCommitted() throws Exception {
        String customer = unique("turn");
        Instant due = LedgerTurns.currentEpochStart(dataSource).plus(config.ledgerEpoch());
        int claimedIn;
        CompletableFuture<LedgerEpochs.Pass> turning;
        try (Connection claiming = dataSource.getConnection()) {
            claiming.setAutoCommit(false);
            claimedIn = IdentityLedger.epochs(claiming).current(); // holds the ledger lock, shared, until commit
            try (PreparedStatement s = claiming.prepareStatement("INSERT INTO event_identity_e" + claimedIn
                    + " (key, epoch, scope, event_id, fingerprint) SELECT ledger_key(scope, 'mid-claim'), epoch, scope, "
                    + "'mid-claim', 1 FROM (VALUES (?, ?)) AS v(epoch, scope)")) {
                s.setInt(1, claimedIn);
                s.setString(2, "c:" + customer);
                s.executeUpdate();
            }
            turning = CompletableFuture.supplyAsync(() -> {
                try {
                    return epochs.maintain(due);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT count(*) FROM pg_stat_activity "
                    + "WHERE wait_event = 'advisory' AND datname = current_database()") > 0);
            assertThat(turning).isNotDone();
            claiming.commit();
        }
        assertThat(turning.get(30, TimeUnit.SECONDS).opened()).isGreaterThan(claimedIn);
        assertThat(count("SELECT count(*) FROM ledger_epoch WHERE epoch = ? AND sealed_at IS NOT NULL", claimedIn))
                .isEqualTo(1);
        // The filter was built after the claim committed, so it holds it.
        assertThat(filters.of(claimedIn).mightContain(IdentityFilter.hash("c:" + customer, "mid-claim"))).isTrue();
    }

    @Test
    void anEpochWhoseKeyOutgrowsItsLimitIsSealedEarlyOnceOfAgeAndRememberedForAWholeWindowAfter() throws Exception {
        String meter = meter("SUM", null);
        String customer = unique("key-limit");
        writer.write(List.of(event("first", meter, customer, "5")));
        int full = epochOf(customer, "first");
        long keyBytes = count("SELECT ledger_current_key_bytes()");
        Instant started = LedgerTurns.currentEpochStart(dataSource);
        Instant ofAge = started.plus(config.ledgerEpochMinimum()); // far from due by time (ten days)

        assertThat(epochs.maintain(started.plusSeconds(1), keyBytes - 1).opened()).as("a key over, too young").isNull();
        assertThat(epochs.maintain(ofAge, keyBytes).opened()).as("a key at its limit").isNull();
        assertThat(registry.get("meterline.ingest.ledger.current.key.limit").gauge().value()).isEqualTo(keyBytes);
        assertThat(registry.get("meterline.ingest.ledger.current.key.bytes").gauge().value()).isEqualTo(keyBytes);
        assertThat(epochs.maintain(ofAge, keyBytes - 1).opened()).as("a key a byte over").isGreaterThan(full);
        assertThat(count("SELECT count(*) FROM ledger_epoch WHERE epoch = ? AND sealed_at IS NOT NULL", full))
                .isEqualTo(1);
        assertThat(filters.of(full).mightContain(IdentityFilter.hash("c:" + customer, "first"))).isTrue();
        assertThat(count("SELECT ledger_current_key_bytes()")).as("the new epoch's empty key").isLessThan(keyBytes);
        assertThat(epochs.maintain(ofAge.plus(config.ledgerEpochMinimum()), keyBytes - 1).opened())
                .as("turned once").isNull();

        EventBatchWriter.Outcome resent = writer.write(List.of(event("first", meter, customer, "5"),
                event("second", meter, customer, "7")));
        assertThat(resent.stored()).isEqualTo(1);

        // Forgotten a dedup window after it was sealed, not after it started.
        epochs.maintain(ofAge.plus(config.dedupWindow()).minusSeconds(1), Long.MAX_VALUE);
        assertThat(count("SELECT count(*) FROM event_identity WHERE scope = ? AND event_id = 'first'", "c:" + customer))
                .isEqualTo(1);
        assertThat(epochs.maintain(ofAge.plus(config.dedupWindow()).plusSeconds(1), Long.MAX_VALUE).forgotten())
                .isGreaterThanOrEqualTo(1);
        assertThat(count("SELECT count(*) FROM event_identity WHERE scope = ? AND event_id = 'first'", "c:" + customer))
                .isZero();
        assertThat(count("SELECT coalesce(sum(value_sum), 0)::bigint FROM usage_rollup WHERE meter = ? AND customer = ?",
                meter, customer)).isEqualTo(5 + 7);
    }

    @Test
    void withoutAConfiguredKeyLimitAnEpochsKeyMayHoldAQuarterOfTheDatabasesBuffers() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            assertThat(config.ledgerEpochKeyLimit()).isEmpty();
            assertThat(epochs.keyLimit(c))
                    .isEqualTo(count("SELECT pg_size_bytes(current_setting('shared_buffers')) / 4"))
                    .isPositive();
        }
    }

    @Test
    void epochsThatEndedBeforeTheWindowAreForgottenWholeAndTheirUsageStays() throws Exception {
        String meter = meter("SUM", null);
        String customer = unique("prune");
        writer.write(List.of(event("old", meter, customer, "1")));
        Instant sealedAt = LedgerTurns.sealCurrent(epochs, dataSource, config);
        writer.write(List.of(event("recent", meter, customer, "10")));

        // A window after the first epoch ended: it is dropped; the one after it is sealed by the same pass and kept.
        LedgerEpochs.Pass pass = epochs.maintain(sealedAt.plus(config.dedupWindow()).plusSeconds(1));
        assertThat(pass.forgotten()).isGreaterThanOrEqualTo(1);
        assertThat(count("SELECT count(*) FROM event_identity WHERE scope = ? AND event_id = 'old'", "c:" + customer))
                .isZero();
        assertThat(count("SELECT count(*) FROM event_identity WHERE scope = ? AND event_id = 'recent'", "c:" + customer))
                .isEqualTo(1);

        // Re-sent: the forgotten identity counts again, the remembered one does not.
        assertThat(writer.write(List.of(event("old", meter, customer, "1"), event("recent", meter, customer, "10")))
                .stored()).isEqualTo(1);
        assertThat(count("SELECT coalesce(sum(value), 0)::bigint FROM meter_event WHERE scope = ?", "c:" + customer))
                .isEqualTo(1 + 10 + 1);
    }

    @Test
    void aDedupWindowShorterThanTheLateWindowIsRefused() {
        assertThatThrownBy(() -> LedgerEpochs.requireWindowCoversLateWindow(Duration.ofDays(7), Duration.ofDays(35)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("dedup-window");
        LedgerEpochs.requireWindowCoversLateWindow(Duration.ofDays(35), Duration.ofDays(35));
    }

    /** Stores the event, seals the epoch it was claimed in, and answers that epoch. */
    private int firstSeenInASealedEpoch(String meter, String customer, String id, String value) throws Exception {
        writer.write(List.of(event(id, meter, customer, value)));
        LedgerTurns.sealCurrent(epochs, dataSource, config);
        return epochOf(customer, id);
    }

    private static int epochOf(String customer, String id) {
        return (int) count("SELECT epoch FROM event_identity WHERE scope = ? AND event_id = ?", "c:" + customer, id);
    }
}
