package io.meterline.bench;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills metering's dedup ledger ({@code event_identity}) to a size before an ingest benchmark, as a deployment that
 * has run for a whole dedup window holds it: identities shaped like the benchmark's (the same {@code c:bench-<n>}
 * scopes, ids of a letter and 16 random-looking hex digits), first seen evenly over the window, in ledger epochs as
 * the service would have sealed them (by age, or early when the key outgrows the service's limit), written in the
 * order they would have arrived. The last epoch stays current, holding what the last of them took: a full epoch's
 * share without a key limit, the largest the partition every claim writes to gets. Generated inside
 * PostgreSQL (the fastest honest way: the rows and the index are what ingest would have left), a million rows per
 * statement. The identities already there stay, in the epoch that was current before, sealed by the fill.
 * Then it waits until the service has built the sealed epochs' filters, as it would have done day by day.
 */
final class LedgerFill {

    /** The ledger as it stands: identities, partitions and keys on disk, epochs, and the sealed epochs' filters. */
    record LedgerSize(long identities, long tableBytes, long keyBytes, int epochs, long currentIdentities,
            long currentKeyBytes, long filterBytes) {

        long totalBytes() {
            return tableBytes + keyBytes;
        }
    }

    private static final long CHUNK = 1_000_000;

    private static final Pattern KEY_LIMIT = Pattern.compile(
            "^meterline_ingest_ledger_current_key_limit_bytes(?:\\{[^}]*\\})? ([0-9.eE+-]+)$", Pattern.MULTILINE);

    private static final String OPEN_EPOCH = "SELECT ledger_open_epoch(?, NULL)";

    private static final String FILL = """
            INSERT INTO event_identity_e%d (key, epoch, fingerprint, scope, event_id)
            SELECT ledger_key(scope, event_id), %1$d, fingerprint, scope, event_id
            FROM (SELECT 'c:bench-' || (g %% ?) AS scope, 'f' || left(md5(? || g), 16) AS event_id,
                         (g * 2654435761) %% 9223372036854775783 AS fingerprint
                  FROM generate_series(?::bigint, ?::bigint) g) AS i
            ORDER BY 1""";

    private static final String SIZE = """
            SELECT (SELECT coalesce(sum(identities), 0) FROM ledger_epoch),
                   coalesce(sum(pg_table_size(i.inhrelid)), 0), coalesce(sum(pg_indexes_size(i.inhrelid)), 0),
                   (SELECT count(*) FROM ledger_epoch),
                   (SELECT coalesce(ledger_current_epoch(), 0)),
                   ledger_current_key_bytes(),
                   (SELECT coalesce(sum(length(filter)), 0) FROM ledger_epoch)
            FROM pg_inherits i WHERE i.inhparent = 'event_identity'::regclass""";

    private LedgerFill() {
    }

    /**
     * The ledger's size. Identities are counted only in the epochs not yet counted by their filter's build (the
     * current one, and any sealed one without a filter yet): counting a hundred million takes minutes.
     */
    static LedgerSize size(Connection db) throws SQLException {
        Map<Integer, Long> uncounted = new HashMap<>();
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT epoch FROM ledger_epoch WHERE identities IS NULL")) {
            while (rs.next()) {
                uncounted.put(rs.getInt(1), 0L);
            }
        }
        for (Map.Entry<Integer, Long> epoch : uncounted.entrySet()) {
            try (Statement s = db.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*) FROM event_identity_e" + epoch.getKey())) {
                rs.next();
                epoch.setValue(rs.getLong(1));
            }
        }
        long counted = uncounted.values().stream().mapToLong(Long::longValue).sum();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(SIZE)) {
            rs.next();
            return new LedgerSize(rs.getLong(1) + counted, rs.getLong(2), rs.getLong(3), rs.getInt(4),
                    uncounted.getOrDefault(rs.getInt(5), 0L), rs.getLong(6), rs.getLong(7));
        }
    }

    /**
     * Adds identities until the ledger holds {@code target}; answers its size then. An epoch whose key outgrows
     * {@code keyLimit} bytes (metering's {@code meterline.ingest.ledger-epoch-key-limit}) once it spans
     * {@code minimum} of the window ({@code meterline.ingest.ledger-epoch-minimum}) is sealed and the next one
     * opened, as the service's maintenance pass does.
     */
    static LedgerSize fillTo(Connection db, long target, Duration window, Duration epoch, Duration minimum,
            int customers, long keyLimit) throws SQLException {
        LedgerSize now = size(db);
        long missing = target - now.identities();
        if (missing <= 0) {
            Bench.log("The ledger already holds %,d identities (%,d MB).", now.identities(), now.totalBytes() >> 20);
            return now;
        }
        int periods = (int) Math.max(1, window.toSeconds() / epoch.toSeconds());
        // The fewest identities an epoch sealed for its key's size holds: those of the service's minimum epoch.
        long youngest = (long) (missing * ((double) minimum.toSeconds() / window.toSeconds()));
        long perPeriod = missing / periods;
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Instant from = Instant.now().minus(window);
        Bench.log("Filling the ledger with %,d identities first seen over the last %s, in epochs of %s or of a %,d MB "
                + "key (%,d already there)...", missing, window, epoch, keyLimit >> 20, now.identities());
        long started = System.nanoTime();
        boolean autoCommit = db.getAutoCommit();
        db.setAutoCommit(true);
        List<Filled> filled = new ArrayList<>();
        try {
            long next = 0;
            for (int p = 0; p < periods; p++) {
                long last = p == periods - 1 ? missing - 1 : next + perPeriod - 1;
                // Opened now, so the service does not find it due and seal it under the fill; dated below. One the
                // key limit opened at the end of the last period is still empty: it is this period's.
                if (filled.isEmpty() || filled.get(filled.size() - 1).first() != next) {
                    filled.add(new Filled(openEpoch(db, Instant.now()), next));
                }
                for (long chunk = next; chunk <= last; chunk += CHUNK) {
                    long end = Math.min(last, chunk + CHUNK - 1);
                    Filled current = filled.get(filled.size() - 1);
                    fill(db, current.epoch(), tag, customers, chunk, end);
                    if (end + 1 - current.first() >= youngest && currentKeyBytes(db) > keyLimit) {
                        filled.add(new Filled(openEpoch(db, Instant.now()), end + 1));
                    }
                }
                next = last + 1;
                Bench.log("  %,d of %,d, up to epoch %d (%.0f s)", next, missing,
                        filled.get(filled.size() - 1).epoch(), (System.nanoTime() - started) / 1e9);
            }
        } finally {
            db.setAutoCommit(autoCommit);
        }
        date(db, filled, missing, from, window, epoch);
        try (Statement s = db.createStatement()) {
            s.execute("VACUUM ANALYZE event_identity"); // as autovacuum would have by then: visibility map and stats
        }
        awaitFilters(db);
        LedgerSize size = size(db);
        Bench.log("The ledger holds %,d identities in %d epochs (%,d in the current one, its key %,d MB): partitions "
                + "%,d MB, keys %,d MB, filters %,d MB.", size.identities(), size.epochs(), size.currentIdentities(),
                size.currentKeyBytes() >> 20, size.tableBytes() >> 20, size.keyBytes() >> 20, size.filterBytes() >> 20);
        return size;
    }

    /**
     * The key limit metering's maintenance pass applies to the current epoch, from its {@code /q/metrics}: the gauge
     * reads 0 until the replica's first pass (at start, then every minute), so this waits for it, up to two minutes.
     */
    static long keyLimit(HttpClient http, String meteringUrl) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            String text = http.send(HttpRequest.newBuilder(URI.create(meteringUrl + "/q/metrics")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = KEY_LIMIT.matcher(text);
            long limit = m.find() ? new BigDecimal(m.group(1)).longValue() : 0;
            if (limit > 0) {
                return limit;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(meteringUrl + " reports no ledger key limit after two minutes "
                        + "(meterline_ingest_ledger_current_key_limit_bytes): an older version, or no usage consumer?");
            }
            Bench.sleep(2_000); // polling another process's first pass: there is no event to wait on
        }
    }

    /** An epoch the fill opened, and the number of the first identity it holds. */
    private record Filled(int epoch, long first) {
    }

    private static long currentKeyBytes(Connection db) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT ledger_current_key_bytes()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Dates the filled epochs as if each was sealed when the next began, the identities arriving evenly over the
     * window; the last stays current, started at most half an epoch ago (not due during the run). One transaction,
     * so the service never sees them half dated.
     */
    private static void date(Connection db, List<Filled> filled, long identities, Instant from, Duration window,
            Duration epoch) throws SQLException {
        boolean autoCommit = db.getAutoCommit();
        db.setAutoCommit(false);
        try (PreparedStatement s = db.prepareStatement(
                "UPDATE ledger_epoch SET started_at = ?, sealed_at = ? WHERE epoch = ?")) {
            requireStillCurrent(db, filled.get(filled.size() - 1).epoch());
            for (int e = 0; e < filled.size(); e++) {
                Instant start = arrival(filled.get(e).first(), identities, from, window);
                boolean current = e == filled.size() - 1;
                if (current) {
                    Instant recent = Instant.now().minus(epoch.dividedBy(2));
                    start = start.isBefore(recent) ? recent : start;
                }
                s.setTimestamp(1, Timestamp.from(start));
                s.setTimestamp(2, current ? null
                        : Timestamp.from(arrival(filled.get(e + 1).first(), identities, from, window)));
                s.setInt(3, filled.get(e).epoch());
                s.addBatch();
            }
            s.executeBatch();
            db.commit();
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(autoCommit);
        }
    }

    /**
     * Takes the ledger lock for the transaction, as a turn does, and checks that the last epoch filled is still the
     * current one.
     */
    private static void requireStillCurrent(Connection db, int epoch) throws SQLException {
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_advisory_xact_lock(7215340814)")) { // LEDGER_LOCK
            rs.next();
        }
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT ledger_current_epoch()")) {
            rs.next();
            requireCurrent(epoch, rs.getInt(1));
        }
    }

    /**
     * The service never turns the fill's epochs: they are opened now, and it seals an epoch for its key's size only
     * once a day old. Another writer did if {@code current} is not the epoch the fill is writing.
     */
    private static void requireCurrent(int filling, int current) {
        if (current != filling) {
            throw new IllegalStateException("Ledger epoch " + current + " was opened by another writer during the "
                    + "fill: fill a ledger no service turns meanwhile.");
        }
    }

    /** When the identity numbered {@code n} of {@code identities} arrived, evenly over the window. */
    private static Instant arrival(long n, long identities, Instant from, Duration window) {
        return from.plusMillis((long) (window.toMillis() * ((double) n / identities)));
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

    /**
     * Adds identities {@code first} to {@code last} to {@code epoch}, as a writer does: holding the ledger lock shared,
     * so that no turn seals it mid-chunk, and checking under it that the epoch is still the current one.
     */
    private static void fill(Connection db, int epoch, String tag, int customers, long first, long last)
            throws SQLException {
        db.setAutoCommit(false);
        try {
            try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT epoch FROM ledger_epochs_for_claim() WHERE NOT sealed")) {
                rs.next();
                requireCurrent(epoch, rs.getInt(1));
            }
            try (PreparedStatement fill = db.prepareStatement(String.format(FILL, epoch))) {
                fill.setInt(1, customers);
                fill.setString(2, tag);
                fill.setLong(3, first);
                fill.setLong(4, last);
                fill.executeUpdate();
            }
            db.commit();
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(true);
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
