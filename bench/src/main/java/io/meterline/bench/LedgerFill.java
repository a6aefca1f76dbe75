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
 * has run for a whole dedup window holds it: identities shaped like the benchmark's (the same {@code c:bench-<n>}
 * scopes, ids of a letter and 16 random-looking hex digits), first seen evenly over the window, in ledger epochs as
 * the service would have sealed them, written in the order they would have arrived. The last epoch stays current,
 * holding a full epoch's share: the largest the partition every claim writes to gets. Generated inside
 * PostgreSQL (the fastest honest way: the rows and the index are what ingest would have left), a million rows per
 * statement. The identities already there stay, in the epoch that was current before, sealed by the fill.
 * Then it waits until the service has built the sealed epochs' filters, as it would have done day by day.
 */
final class LedgerFill {

    /** The ledger as it stands: identities, partitions and keys on disk, epochs, and the sealed epochs' filters. */
    record LedgerSize(long identities, long tableBytes, long keyBytes, int epochs, long currentIdentities,
            long filterBytes) {

        long totalBytes() {
            return tableBytes + keyBytes;
        }
    }

    private static final long CHUNK = 1_000_000;

    private static final String OPEN_EPOCH = "SELECT ledger_open_epoch(?, NULL)";

    private static final String FILL = """
            INSERT INTO event_identity_e%d (key, epoch, fingerprint, scope, event_id)
            SELECT ledger_key(scope, event_id), %1$d, fingerprint, scope, event_id
            FROM (SELECT 'c:bench-' || (g %% ?) AS scope, 'f' || left(md5(? || g), 16) AS event_id,
                         (g * 2654435761) %% 9223372036854775783 AS fingerprint
                  FROM generate_series(?::bigint, ?::bigint) g) AS i
            ORDER BY 1""";

    private static final String SIZE = """
            SELECT (SELECT count(*) FROM event_identity),
                   coalesce(sum(pg_table_size(i.inhrelid)), 0), coalesce(sum(pg_indexes_size(i.inhrelid)), 0),
                   (SELECT count(*) FROM ledger_epoch),
                   (SELECT count(*) FROM event_identity WHERE epoch = ledger_current_epoch()),
                   (SELECT coalesce(sum(length(filter)), 0) FROM ledger_epoch)
            FROM pg_inherits i WHERE i.inhparent = 'event_identity'::regclass""";

    private LedgerFill() {
    }

    static LedgerSize size(Connection db) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(SIZE)) {
            rs.next();
            return new LedgerSize(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getInt(4), rs.getLong(5),
                    rs.getLong(6));
        }
    }

    /** Adds identities until the ledger holds {@code target}; answers its size then. */
    static LedgerSize fillTo(Connection db, long target, Duration window, Duration epoch, int customers)
            throws SQLException {
        LedgerSize now = size(db);
        long missing = target - now.identities();
        if (missing <= 0) {
            Bench.log("The ledger already holds %,d identities (%,d MB).", now.identities(), now.totalBytes() >> 20);
            return now;
        }
        int epochs = (int) Math.max(1, window.toSeconds() / epoch.toSeconds());
        long perEpoch = missing / epochs;
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Instant from = Instant.now().minus(window);
        Bench.log("Filling the ledger with %,d identities first seen over the last %s, in %d epochs (%,d already "
                + "there)...", missing, window, epochs, now.identities());
        long started = System.nanoTime();
        boolean autoCommit = db.getAutoCommit();
        db.setAutoCommit(true);
        int[] numbers = new int[epochs];
        try {
            long next = 0;
            for (int e = 0; e < epochs; e++) {
                // Opened now, so the service does not find it due and seal it under the fill; dated below.
                numbers[e] = openEpoch(db, Instant.now());
                long last = e == epochs - 1 ? missing - 1 : next + perEpoch - 1;
                fill(db, numbers[e], tag, customers, next, last);
                next = last + 1;
                Bench.log("  %,d of %,d, epoch %d (%.0f s)", next, missing, numbers[e],
                        (System.nanoTime() - started) / 1e9);
            }
        } finally {
            db.setAutoCommit(autoCommit);
        }
        date(db, numbers, from, epoch);
        try (Statement s = db.createStatement()) {
            s.execute("VACUUM ANALYZE event_identity"); // as autovacuum would have by then: visibility map and stats
        }
        awaitFilters(db);
        LedgerSize filled = size(db);
        Bench.log("The ledger holds %,d identities in %d epochs: partitions %,d MB, keys %,d MB, filters %,d MB.",
                filled.identities(), filled.epochs(), filled.tableBytes() >> 20, filled.keyBytes() >> 20,
                filled.filterBytes() >> 20);
        return filled;
    }

    /**
     * Dates the filled epochs as if sealed one by one over the window; the last stays current, started half an epoch
     * ago (not due during the run). One transaction, so the service never sees them half dated.
     */
    private static void date(Connection db, int[] numbers, Instant from, Duration epoch)
            throws SQLException {
        boolean autoCommit = db.getAutoCommit();
        db.setAutoCommit(false);
        try (PreparedStatement s = db.prepareStatement(
                "UPDATE ledger_epoch SET started_at = ?, sealed_at = ? WHERE epoch = ?")) {
            for (int e = 0; e < numbers.length; e++) {
                boolean current = e == numbers.length - 1;
                Instant start = current ? Instant.now().minus(epoch.dividedBy(2)) : from.plus(epoch.multipliedBy(e));
                s.setTimestamp(1, Timestamp.from(start));
                s.setTimestamp(2, current ? null : Timestamp.from(start.plus(epoch)));
                s.setInt(3, numbers[e]);
                s.addBatch();
            }
            s.executeBatch();
            db.commit();
        } finally {
            db.setAutoCommit(autoCommit);
        }
    }

    private static int openEpoch(Connection db, Instant at) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(OPEN_EPOCH)) {
            s.setTimestamp(1, Timestamp.from(at));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void fill(Connection db, int epoch, String tag, int customers, long first, long last)
            throws SQLException {
        try (PreparedStatement fill = db.prepareStatement(String.format(FILL, epoch))) {
            for (long from = first; from <= last; from += CHUNK) {
                fill.setInt(1, customers);
                fill.setString(2, tag);
                fill.setLong(3, from);
                fill.setLong(4, Math.min(last, from + CHUNK - 1));
                fill.executeUpdate();
            }
        }
    }

    /** Waits for the metering service to build the sealed epochs' filters (it looks every minute). */
    private static void awaitFilters(Connection db) throws SQLException {
        Bench.log("Waiting for the metering service to build the sealed epochs' filters...");
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        while (true) {
            try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT count(*) FROM ledger_epoch WHERE sealed_at IS NOT NULL AND filter IS NULL")) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(rs.getLong(1) + " sealed ledger epochs still have no filter after "
                            + "15 minutes: is the metering service running its consumer?");
                }
            }
            Bench.sleep(2_000); // polling another process's progress: there is no event to wait on
        }
    }
}
