package io.meterline.metering.ingest;

import static io.meterline.metering.Metering.count;
import static io.meterline.metering.Metering.meter;
import static io.meterline.metering.Metering.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.meterline.metering.MeteringTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The ledger's key is a 128-bit hash of the identity (V9). A real collision is never expected (about 1 in 10^19 at
 * 3.5 billion identities), so these tests make one: a row whose key is another identity's. An identity whose key is
 * taken is stored once, found again as a duplicate in its epoch and after it is sealed, and forgotten with its epoch;
 * a key taken only in a sealed epoch leaves the identity to the current one; two new identities with one key in one
 * batch are both stored.
 */
@QuarkusTest
@MeteringTest
class LedgerCollisionsTest {

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
    void theServicesKeyIsTheDatabases() throws SQLException {
        for (String[] identity : new String[][] { { "c:acme", "evt-1" }, { "a:gpu-ü", "ïd 2" },
                { "c:\uD83D\uDE80 rocket", "\uD83C\uDF89" }, { "c:", "x" }, { "c:a", "" } }) {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement s = c.prepareStatement("SELECT ledger_key(?, ?)")) {
                s.setString(1, identity[0]);
                s.setString(2, identity[1]);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    assertThat(rs.getObject(1, UUID.class)).as("%s / %s", identity[0], identity[1])
                            .isEqualTo(LedgerKey.hash(identity[0], identity[1]));
                }
            }
        }
        assertThat(LedgerKey.hash("c:ab", "c")).isNotEqualTo(LedgerKey.hash("c:a", "bc"));
    }

    @Test
    void anIdentityWhoseKeyAnotherHoldsIsStoredOnceInItsEpochAndAfterItIsSealedAndForgottenWithIt() throws Exception {
        String meter = meter("SUM", null);
        String customer = unique("collision");
        String scope = "c:" + customer;
        takeKeyOf(scope, "wanted", "holder");
        double before = collisions();

        // The COPY into the current epoch is refused on the key; the new identity beside it is claimed as usual.
        EventBatchWriter.Outcome first = writer.write(List.of(event("wanted", meter, customer, "5"),
                event("beside", meter, customer, "7")));
        assertThat(first.stored()).isEqualTo(2);
        assertThat(collisions()).isEqualTo(before + 1);
        assertThat(count("SELECT count(*) FROM event_identity_collision WHERE scope = ? AND event_id = 'wanted'", scope))
                .isEqualTo(1);

        // Re-sent, and re-sent with another value: found by its full identity, a duplicate (the second disagreeing).
        assertThat(writer.write(List.of(event("wanted", meter, customer, "5"))).stored()).isZero();
        EventBatchWriter.Outcome disagreeing = writer.write(List.of(event("wanted", meter, customer, "6")));
        assertThat(disagreeing.stored()).isZero();
        assertThat(disagreeing.conflicting()).isEqualTo(1);

        // Sealed: its epoch's filter holds it, and the probe of the epoch finds the key held, then it by identity.
        Instant sealedAt = LedgerTurns.sealCurrent(epochs, dataSource, config);
        int sealed = (int) count("SELECT epoch FROM event_identity_collision WHERE scope = ? AND event_id = 'wanted'",
                scope);
        assertThat(filters.of(sealed).mightContain(IdentityFilter.hash(scope, "wanted"))).isTrue();
        assertThat(writer.write(List.of(event("wanted", meter, customer, "5"))).stored()).isZero();
        // Without the filter (as after a restart) too.
        filters.forgetAll();
        assertThat(writer.write(List.of(event("wanted", meter, customer, "5"))).stored()).isZero();
        filters.refresh();

        assertThat(collisions()).isEqualTo(before + 1);
        assertThat(count("SELECT coalesce(sum(value), 0)::bigint FROM meter_event WHERE scope = ?", scope))
                .isEqualTo(5 + 7);
        assertThat(count("SELECT coalesce(sum(value_sum), 0)::bigint FROM usage_rollup WHERE meter = ? AND customer = ?",
                meter, customer)).isEqualTo(5 + 7);

        // Dropped with its epoch, a window later.
        epochs.maintain(sealedAt.plus(config.dedupWindow()).plusSeconds(1));
        assertThat(count("SELECT count(*) FROM event_identity_collision WHERE scope = ?", scope)).isZero();
    }

    @Test
    void aKeyHeldOnlyInASealedEpochLeavesTheIdentityToTheCurrentOne() throws Exception {
        String meter = meter("SUM", null);
        String customer = unique("sealed-key");
        String scope = "c:" + customer;
        takeKeyOf(scope, "later", "earlier-holder");
        LedgerTurns.sealCurrent(epochs, dataSource, config);
        filters.forgetAll(); // every sealed epoch probed: the held key is found there, held by another identity

        assertThat(writer.write(List.of(event("later", meter, customer, "3"))).stored()).isEqualTo(1);
        assertThat(writer.write(List.of(event("later", meter, customer, "3"))).stored()).isZero();
        filters.refresh();
        assertThat(writer.write(List.of(event("later", meter, customer, "3"))).stored()).isZero();

        assertThat(count("SELECT count(*) FROM event_identity_collision WHERE scope = ?", scope)).isZero();
        assertThat(count("SELECT count(*) FROM event_identity WHERE scope = ? AND event_id = 'later' "
                + "AND epoch = ledger_current_epoch()", scope)).isEqualTo(1);
        assertThat(count("SELECT coalesce(sum(value), 0)::bigint FROM meter_event WHERE scope = ?", scope)).isEqualTo(3);
    }

    @Test
    void twoNewIdentitiesWithOneKeyInOneBatchAreEachStoredOnce() throws Exception {
        String meter = meter("SUM", null);
        String customer = unique("batch-collision");
        String scope = "c:" + customer;
        QuarkusMock.installMockForType(new SharedKey(scope, "first", "second"), LedgerKey.class);
        double before = collisions();

        // The COPY is refused on the shared key, and so is the second one; row by row, the first takes the key and
        // the second, found holding neither its own identity nor a duplicate, is claimed by its full identity.
        EventBatchWriter.Outcome written = writer.write(List.of(event("first", meter, customer, "5"),
                event("second", meter, customer, "7"), event("beside", meter, customer, "11")));
        assertThat(written.stored()).isEqualTo(3);
        assertThat(collisions()).isEqualTo(before + 1);
        assertThat(count("SELECT count(*) FROM event_identity_collision WHERE scope = ?", scope)).isEqualTo(1);

        // Both are duplicates from now on, in either order and either batch.
        assertThat(writer.write(List.of(event("second", meter, customer, "7"), event("first", meter, customer, "5")))
                .stored()).isZero();
        assertThat(writer.write(List.of(event("second", meter, customer, "7"))).stored()).isZero();
        assertThat(collisions()).isEqualTo(before + 1);
        assertThat(count("SELECT coalesce(sum(value), 0)::bigint FROM meter_event WHERE scope = ?", scope))
                .isEqualTo(5 + 7 + 11);
        assertThat(count("SELECT coalesce(sum(value_sum), 0)::bigint FROM usage_rollup WHERE meter = ? AND customer = ?",
                meter, customer)).isEqualTo(5 + 7 + 11);
    }

    /** Gives the second identity the first one's key: a collision inside one batch. */
    static class SharedKey extends LedgerKey {

        private final String scope;
        private final String first;
        private final String second;

        SharedKey(String scope, String first, String second) {
            this.scope = scope;
            this.first = first;
            this.second = second;
        }

        @Override
        UUID of(String scope, String id) {
            return this.scope.equals(scope) && second.equals(id) ? hash(scope, first) : hash(scope, id);
        }
    }

    /** Claims {@code holder} in the current epoch under the key of {@code wanted}, as a collision would have. */
    private static void takeKeyOf(String scope, String wanted, String holder) {
        assertThat(count("WITH taken AS (INSERT INTO event_identity (key, scope, event_id, fingerprint) "
                + "VALUES (ledger_key(?, ?), ?, ?, 1) RETURNING 1) SELECT count(*) FROM taken",
                scope, wanted, scope, holder)).isEqualTo(1);
    }

    private double collisions() {
        return registry.counter("meterline.ingest.ledger.collisions").count();
    }
}
