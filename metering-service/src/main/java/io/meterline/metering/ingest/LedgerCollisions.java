package io.meterline.metering.ingest;

import static io.meterline.metering.ingest.JdbcArrays.text;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.meterline.metering.ingest.BatchPlan.Identity;
import io.meterline.metering.ingest.IdentityLedger.Found;
import io.meterline.metering.ingest.IdentityLedger.Keyed;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The identities whose ledger key another identity already held in their epoch ({@code event_identity_collision},
 * V9), claimed by their full identity. A 128-bit key makes this about 1 in 10^19 at 3.5 billion identities, but a
 * claim must still never take one identity for another: a collision is counted
 * ({@code meterline_ingest_ledger_collisions_total}), logged, and the event stored once like any other.
 */
@ApplicationScoped
class LedgerCollisions {

    private static final Logger LOG = Logger.getLogger(LedgerCollisions.class);

    private static final String FIND = """
            SELECT NULL::uuid, c.scope, c.event_id, c.fingerprint
            FROM unnest(?::text[], ?::text[]) AS u(scope, event_id)
            JOIN event_identity_collision c ON c.scope = u.scope COLLATE "C" AND c.event_id = u.event_id COLLATE "C\"""";

    private static final String CLAIM = """
            INSERT INTO event_identity_collision (scope, event_id, epoch, fingerprint)
            SELECT u.scope, u.event_id, ?, u.fingerprint
            FROM unnest(?::text[], ?::text[], ?::bigint[]) AS u(scope, event_id, fingerprint)
            ORDER BY 1, 2
            ON CONFLICT DO NOTHING
            RETURNING scope, event_id""";

    private final Counter collided;

    @Inject
    LedgerCollisions(MeterRegistry registry) {
        collided = registry.counter("meterline.ingest.ledger.collisions");
    }

    /** Marks found those of the identities (all of whose keys another identity holds) claimed here before. */
    void lookUp(Connection c, List<Keyed> events, Found found) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(FIND)) {
            bind(c, s, 1, events, false);
            found.read(s);
        }
    }

    /**
     * Claims identities whose key another identity holds in the current epoch, and not found here; returns those
     * claimed. One another writer claimed at the same moment is read back into {@code found} as a duplicate.
     */
    Set<Identity> claim(Connection c, int epoch, List<Keyed> events, Found found) throws SQLException {
        Set<Identity> claimed = new HashSet<>();
        if (events.isEmpty()) {
            return claimed;
        }
        try (PreparedStatement s = c.prepareStatement(CLAIM)) {
            s.setInt(1, epoch);
            bind(c, s, 2, events, true);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    claimed.add(new Identity(rs.getString(1), rs.getString(2)));
                }
            }
        }
        List<Keyed> skipped = events.stream().filter(k -> !claimed.contains(k.identity())).toList();
        lookUp(c, skipped, found);
        collided.increment(claimed.size());
        for (Keyed k : events) {
            if (claimed.contains(k.identity())) {
                LOG.warnf("Dedup ledger key %s is held by another identity in epoch %d: %s/%s claimed by its full "
                        + "identity instead", k.key(), epoch, k.planned().scope(), k.planned().event().id());
            }
        }
        return claimed;
    }

    private static void bind(Connection c, PreparedStatement s, int first, List<Keyed> events, boolean fingerprints)
            throws SQLException {
        s.setArray(first, text(c, events.stream().map(k -> k.planned().scope()).toArray(String[]::new)));
        s.setArray(first + 1, text(c, events.stream().map(k -> k.planned().event().id()).toArray(String[]::new)));
        if (fingerprints) {
            s.setArray(first + 2, c.createArrayOf("bigint",
                    events.stream().map(k -> BatchPlan.fingerprint(k.planned().event())).toArray()));
        }
    }
}
