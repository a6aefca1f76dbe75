package io.meterline.metering.ingest;

import static io.meterline.metering.ingest.JdbcArrays.copyIn;
import static io.meterline.metering.ingest.JdbcArrays.text;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.meterline.metering.ingest.BatchPlan.Identity;
import io.meterline.metering.ingest.BatchPlan.Planned;

/**
 * The dedup ledger, {@code event_identity}: its primary key admits each (scope, id) once, so the identities a batch
 * claims are exactly its new events, and a redelivered batch finds them claimed and stores nothing.
 */
final class IdentityLedger {

    private static final String EXISTING = """
            SELECT u.scope, u.event_id FROM unnest(?::text[], ?::text[]) AS u(scope, event_id)
            WHERE EXISTS (SELECT 1 FROM event_identity e
                          WHERE e.scope = u.scope COLLATE "C" AND e.event_id = u.event_id COLLATE "C")""";

    private static final String COPY_IDENTITIES =
            "COPY event_identity (scope, event_id, fingerprint) FROM STDIN (FORMAT binary)";

    private static final String CLAIM = """
            INSERT INTO event_identity (scope, event_id, fingerprint)
            SELECT * FROM unnest(?::text[], ?::text[], ?::bigint[])
            ON CONFLICT DO NOTHING
            RETURNING scope, event_id""";

    private static final String CONFLICTS = """
            SELECT count(*) FROM unnest(?::text[], ?::text[], ?::bigint[]) AS d(scope, event_id, fingerprint)
            JOIN event_identity e ON e.scope = d.scope COLLATE "C" AND e.event_id = d.event_id COLLATE "C"
            WHERE d.fingerprint <> e.fingerprint""";

    private static final String UNIQUE_VIOLATION = "23505";

    private static final Comparator<Planned> LEDGER_ORDER = Comparator.comparing(Planned::scope)
            .thenComparing(p -> p.event().id());

    private IdentityLedger() {
    }

    /**
     * Claims the events' identities and returns the events whose identity was new (in batch order), trying the
     * cheapest way first:
     * <ol>
     * <li>COPY them all in: nearly every batch holds only new identities, and a plain insert costs half of an
     * {@code ON CONFLICT} one;</li>
     * <li>if the primary key refuses one (a retry or redelivery), that step alone is rolled back, the ledger is asked
     * which are there already, and the rest are COPYed in;</li>
     * <li>if that is refused too (another writer claimed one in between, as when Kafka moves partitions between
     * consumers), {@code INSERT ... ON CONFLICT DO NOTHING} settles it row by row.</li>
     * </ol>
     */
    static List<Planned> claim(Connection c, List<Planned> firsts) throws SQLException {
        if (copyIdentities(c, firsts)) {
            return firsts;
        }
        Set<Identity> existing = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement(EXISTING)) {
            bindIdentities(c, s, firsts, 2);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    existing.add(new Identity(rs.getString(1), rs.getString(2)));
                }
            }
        }
        List<Planned> candidates = firsts.stream().filter(p -> !existing.contains(p.identity())).toList();
        if (candidates.isEmpty()) {
            return List.of();
        }
        if (copyIdentities(c, candidates)) {
            return candidates;
        }
        try (PreparedStatement s = c.prepareStatement(CLAIM)) {
            bindIdentities(c, s, candidates, 3);
            Set<Identity> claimed = new HashSet<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    claimed.add(new Identity(rs.getString(1), rs.getString(2)));
                }
            }
            return candidates.stream().filter(p -> claimed.contains(p.identity())).toList();
        }
    }

    /** How many of these duplicates of already-claimed identities came with another value or timestamp. */
    static int conflictsWithLedger(Connection c, List<Planned> duplicates) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(CONFLICTS)) {
            bindIdentities(c, s, duplicates, 3);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** COPYs the identities into the ledger; false, with nothing written, if any of them is there already. */
    private static boolean copyIdentities(Connection c, List<Planned> events) throws SQLException {
        // In key order, each insert walks down the ledger's index next to where the previous one did: fewer cache misses.
        List<Planned> inKeyOrder = new ArrayList<>(events);
        inKeyOrder.sort(LEDGER_ORDER);
        BinaryCopy rows = new BinaryCopy(events.size() * 48);
        for (Planned p : inKeyOrder) {
            rows.startRow(3).text(p.scope()).text(p.event().id()).bigint(BatchPlan.fingerprint(p.event()));
        }
        Savepoint beforeCopy = c.setSavepoint();
        try {
            copyIn(c, COPY_IDENTITIES, rows);
            c.releaseSavepoint(beforeCopy);
            return true;
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            c.rollback(beforeCopy);
            return false;
        }
    }

    /** Binds the events' scopes and ids, and with three columns also their fingerprints, as arrays. */
    private static void bindIdentities(Connection c, PreparedStatement s, List<Planned> events, int columns)
            throws SQLException {
        int n = events.size();
        String[] scopes = new String[n];
        String[] ids = new String[n];
        Long[] fingerprints = new Long[n];
        for (int i = 0; i < n; i++) {
            Planned p = events.get(i);
            scopes[i] = p.scope();
            ids[i] = p.event().id();
            fingerprints[i] = BatchPlan.fingerprint(p.event());
        }
        s.setArray(1, text(c, scopes));
        s.setArray(2, text(c, ids));
        if (columns == 3) {
            s.setArray(3, c.createArrayOf("bigint", fingerprints));
        }
    }
}
