package io.meterline.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Fills metering's dedup ledger ({@code event_identity}) to a size before an ingest benchmark, as a deployment that
 * has run for a whole dedup window holds it: identities shaped like the benchmark's ({@code c:bench-<run>-<n>} scopes
 * over the same number of customers, {@code <letter><n>} ids), first seen evenly over the window, written in the
 * order they would have arrived. Generated inside PostgreSQL (the fastest honest way: the rows and the index are
 * what ingest would have left), a million rows per statement.
 */
final class LedgerFill {

    /** The ledger as it stands: its identities, and its table and primary key on disk. */
    record LedgerSize(long identities, long tableBytes, long keyBytes) {

        long totalBytes() {
            return tableBytes + keyBytes;
        }
    }

    private static final long CHUNK = 1_000_000;

    private static final String FILL = """
            INSERT INTO event_identity (scope, event_id, fingerprint, first_seen)
            SELECT 'c:bench-' || ? || '-' || (g % ?), 'f' || g, (g * 2654435761) % 9223372036854775783,
                   ?::timestamptz + (g * ?) * interval '1 microsecond'
            FROM generate_series(?::bigint, ?::bigint) g""";

    private LedgerFill() {
    }

    static LedgerSize size(Connection db) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT (SELECT count(*) FROM event_identity), pg_table_size('event_identity'), "
                        + "pg_relation_size('event_identity_pkey')")) {
            rs.next();
            return new LedgerSize(rs.getLong(1), rs.getLong(2), rs.getLong(3));
        }
    }

    /** Adds identities until the ledger holds {@code target}; answers its size then. */
    static LedgerSize fillTo(Connection db, long target, Duration window, int customers) throws SQLException {
        LedgerSize now = size(db);
        long missing = target - now.identities();
        if (missing <= 0) {
            Bench.log("The ledger already holds %,d identities (%,d MB).", now.identities(), now.totalBytes() >> 20);
            return now;
        }
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Instant from = Instant.now().minus(window);
        long stepMicros = Math.max(1, window.toNanos() / 1000 / missing);
        Bench.log("Filling the ledger with %,d identities first seen over the last %s (%,d already there)...",
                missing, window, now.identities());
        long started = System.nanoTime();
        boolean autoCommit = db.getAutoCommit();
        db.setAutoCommit(true);
        try (PreparedStatement fill = db.prepareStatement(FILL)) {
            for (long first = 0; first < missing; first += CHUNK) {
                long last = Math.min(missing, first + CHUNK) - 1;
                fill.setString(1, tag);
                fill.setInt(2, customers);
                fill.setTimestamp(3, Timestamp.from(from));
                fill.setLong(4, stepMicros);
                fill.setLong(5, first);
                fill.setLong(6, last);
                fill.executeUpdate();
                if ((last + 1) % (10 * CHUNK) == 0 || last == missing - 1) {
                    Bench.log("  %,d of %,d (%.0f s)", last + 1, missing, (System.nanoTime() - started) / 1e9);
                }
            }
        } finally {
            db.setAutoCommit(autoCommit);
        }
        try (Statement s = db.createStatement()) {
            s.execute("VACUUM ANALYZE event_identity"); // as autovacuum would have by then: visibility map and stats
        }
        LedgerSize filled = size(db);
        Bench.log("The ledger holds %,d identities: table %,d MB, primary key %,d MB.", filled.identities(),
                filled.tableBytes() >> 20, filled.keyBytes() >> 20);
        return filled;
    }
}
