package io.meterline.metering.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.postgresql.PGConnection;

import io.agroal.api.AgroalDataSource;
import io.meterline.metering.ingest.BatchPlan.AssetSighting;
import io.meterline.metering.ingest.BatchPlan.Identity;
import io.meterline.metering.ingest.BatchPlan.Planned;
import io.meterline.metering.ingest.BatchPlan.Rollup;
import io.meterline.metering.ingest.BatchPlan.RollupKey;
import io.meterline.metering.ingest.BatchPlan.UniqueValue;
import io.meterline.metering.meters.MeterCatalog;
import io.meterline.platform.time.UtcInstants;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Stores a batch of raw events exactly once, in one transaction:
 * <ol>
 * <li>claims each identity that is first in the batch in the {@code event_identity} ledger, whose primary key admits
 * it once; only the identities it claims are new, so a redelivered batch finds them claimed and stores nothing;</li>
 * <li>COPYs the new events into the monthly partitions of {@code meter_event};</li>
 * <li>adds them to the hourly rollups (worked out in memory by {@link BatchPlan}, one upsert per row), the distinct
 * values of UNIQUE_COUNT meters, and the assets they name (announcing new ones through the outbox);</li>
 * <li>queues the batch in {@code metered_batch} for {@code meterline.usage.metered}.</li>
 * </ol>
 * JDBC rather than the reactive client here: COPY is the fastest way into PostgreSQL, and this runs on the consumer's
 * own thread, off the event loop.
 */
@ApplicationScoped
public class EventBatchWriter {

    /** What one batch came to: the events stored, each with the client it resolved to (customer or asset's client). */
    public record Outcome(int received, int stored, int conflicting, List<String> newAssets, UUID batchId,
            Instant storedAt, List<Planned> storedEvents, Map<String, String> assetClients) {

        /** The client an event's usage counts for now: its customer, or its asset's client. */
        public String clientOf(RawUsageEvent e) {
            return e.customer() != null ? e.customer() : assetClients.get(e.asset());
        }
    }

    private static final String EXISTING = """
            SELECT u.scope, u.event_id FROM unnest(?::text[], ?::text[]) AS u(scope, event_id)
            WHERE EXISTS (SELECT 1 FROM event_identity e
                          WHERE e.scope = u.scope COLLATE "C" AND e.event_id = u.event_id COLLATE "C")""";

    private static final String COPY_IDENTITIES =
            "COPY event_identity (scope, event_id, fingerprint) FROM STDIN (FORMAT binary)";

    private static final String UNIQUE_VIOLATION = "23505";

    private static final Comparator<Planned> LEDGER_ORDER = Comparator.comparing(Planned::scope)
            .thenComparing(p -> p.event().id());

    private static final String CLAIM = """
            INSERT INTO event_identity (scope, event_id, fingerprint)
            SELECT * FROM unnest(?::text[], ?::text[], ?::bigint[])
            ON CONFLICT DO NOTHING
            RETURNING scope, event_id""";

    private static final String CONFLICTS = """
            SELECT count(*) FROM unnest(?::text[], ?::text[], ?::bigint[]) AS d(scope, event_id, fingerprint)
            JOIN event_identity e ON e.scope = d.scope COLLATE "C" AND e.event_id = d.event_id COLLATE "C"
            WHERE d.fingerprint <> e.fingerprint""";

    private static final String COPY_EVENTS = "COPY meter_event (scope, event_id, event_time, meter, customer, asset, "
            + "source, value, dims_key, ingested_at, batch_id) FROM STDIN (FORMAT binary)";

    // LATEST compares event ids in code-point order (COLLATE "C"), as BatchPlan does, whatever the database's locale.
    private static final String ROLL_UP = """
            INSERT INTO usage_rollup AS r (meter, hour, customer_key, asset_key, dims_key, customer, asset, dimensions,
                event_count, value_sum, value_min, value_max, latest_time, latest_event_id, latest_value)
            SELECT m, h, ck, ak, dk, c, a, dk::jsonb, n, s, mn, mx, lt, li, lv
            FROM unnest(?::text[], ?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[],
                        ?::numeric[], ?::numeric[], ?::numeric[], ?::timestamptz[], ?::text[], ?::numeric[])
                 AS u(m, h, ck, ak, dk, c, a, n, s, mn, mx, lt, li, lv)
            ON CONFLICT (meter, hour, customer_key, asset_key, dims_key) DO UPDATE SET
                event_count = r.event_count + excluded.event_count,
                value_sum = r.value_sum + excluded.value_sum,
                value_min = least(r.value_min, excluded.value_min),
                value_max = greatest(r.value_max, excluded.value_max),
                latest_value = CASE WHEN (excluded.latest_time, excluded.latest_event_id COLLATE "C")
                    > (r.latest_time, r.latest_event_id COLLATE "C") THEN excluded.latest_value ELSE r.latest_value END,
                latest_event_id = CASE WHEN (excluded.latest_time, excluded.latest_event_id COLLATE "C")
                    > (r.latest_time, r.latest_event_id COLLATE "C") THEN excluded.latest_event_id ELSE r.latest_event_id END,
                latest_time = greatest(r.latest_time, excluded.latest_time)""";

    private static final String UNIQUES = """
            INSERT INTO usage_rollup_unique (meter, hour, customer_key, asset_key, dims_key, unique_value)
            SELECT * FROM unnest(?::text[], ?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::text[])
            ON CONFLICT DO NOTHING""";

    private static final String ASSETS = """
            WITH seen AS (
                INSERT INTO asset AS a (id, source, first_seen, last_seen)
                SELECT * FROM unnest(?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[])
                ON CONFLICT (id) DO UPDATE SET last_seen = greatest(a.last_seen, excluded.last_seen),
                    first_seen = least(a.first_seen, excluded.first_seen),
                    source = coalesce(a.source, excluded.source)
                RETURNING id, source, client, first_seen, last_seen, (xmax = 0) AS inserted
            ), announced AS (
                INSERT INTO outbox (event_id, topic, record_key, event_type, subject, payload)
                SELECT gen_random_uuid(), 'meterline.metering.assets', id, 'io.meterline.metering.asset-changed.v1', id,
                       jsonb_build_object('v', 1, 'id', id, 'source', source, 'acknowledged', false, 'enabled', true,
                           'disregarded', false, 'firstSeen', first_seen, 'lastSeen', last_seen, 'change', 'discovered')
                FROM seen WHERE inserted
            )
            SELECT id, client, inserted FROM seen""";

    private static final String QUEUE = "INSERT INTO metered_batch (batch_id) VALUES (?) RETURNING created_at";

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterCatalog meters;

    @Inject
    MeterRegistry registry;

    private final Set<YearMonth> partitions = ConcurrentHashMap.newKeySet();

    public Outcome write(List<RawUsageEvent> events) throws SQLException {
        BatchPlan plan = new BatchPlan(events, meters::find);
        ensurePartitions(plan.firsts());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long started = System.nanoTime();
                List<Planned> fresh = claim(c, plan.firsts());
                int conflicting = plan.conflictingInBatch() + (fresh.size() < plan.firsts().size()
                        ? conflictsWithLedger(c, BatchPlan.without(plan.firsts(), fresh)) : 0);
                long claimedAt = System.nanoTime();
                registry.timer("meterline.ingest.writer.claim").record(claimedAt - started, TimeUnit.NANOSECONDS);
                Outcome outcome;
                if (fresh.isEmpty()) {
                    outcome = new Outcome(plan.received(), 0, conflicting, List.of(), null, null, List.of(), Map.of());
                } else {
                    UUID batch = orderedUuid();
                    copy(c, fresh, batch);
                    long copied = System.nanoTime();
                    registry.timer("meterline.ingest.writer.copy").record(copied - claimedAt, TimeUnit.NANOSECONDS);
                    rollUp(c, BatchPlan.rollups(fresh));
                    uniques(c, BatchPlan.uniqueValues(fresh));
                    List<String> newAssets = new ArrayList<>();
                    Map<String, String> clients = assets(c, BatchPlan.assets(fresh), newAssets);
                    Instant storedAt = queue(c, batch);
                    registry.timer("meterline.ingest.writer.rollup").record(System.nanoTime() - copied,
                            TimeUnit.NANOSECONDS);
                    outcome = new Outcome(plan.received(), fresh.size(), conflicting, newAssets, batch, storedAt, fresh,
                            clients);
                }
                long committing = System.nanoTime();
                c.commit();
                registry.timer("meterline.ingest.writer.commit").record(System.nanoTime() - committing,
                        TimeUnit.NANOSECONDS);
                return outcome;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /**
     * Claims the events' identities in the ledger and returns the events whose identity was new (in batch order),
     * trying the cheapest way first:
     * <ol>
     * <li>COPY them all in: nearly every batch holds only new identities, and a plain insert costs half of an
     * {@code ON CONFLICT} one;</li>
     * <li>if the primary key refuses one (a retry or redelivery), that step alone is rolled back, the ledger is asked
     * which are there already, and the rest are COPYed in;</li>
     * <li>if that is refused too (another writer claimed one in between, as when Kafka moves partitions between
     * consumers), {@code INSERT ... ON CONFLICT DO NOTHING} settles it row by row.</li>
     * </ol>
     */
    private static List<Planned> claim(Connection c, List<Planned> firsts) throws SQLException {
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

    /** How many of these duplicates of already-claimed identities came with another value or timestamp. */
    private static int conflictsWithLedger(Connection c, List<Planned> duplicates) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(CONFLICTS)) {
            bindIdentities(c, s, duplicates, 3);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
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

    private static void copy(Connection c, List<Planned> fresh, UUID batch) throws SQLException {
        BinaryCopy rows = new BinaryCopy(fresh.size() * 160);
        Instant now = Instant.now();
        for (Planned p : fresh) {
            RawUsageEvent e = p.event();
            rows.startRow(11).text(p.scope()).text(e.id()).timestamp(e.timestamp()).text(e.meter()).text(e.customer())
                    .text(e.asset()).text(e.source()).numeric(e.value()).text(p.dimsKey())
                    .timestamp(e.ingestedAt() != null ? e.ingestedAt() : now).uuid(batch);
        }
        copyIn(c, COPY_EVENTS, rows);
    }

    private static void copyIn(Connection c, String sql, BinaryCopy rows) throws SQLException {
        try {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new ByteArrayInputStream(rows.finish()));
        } catch (IOException e) {
            throw new SQLException("COPY failed: " + e.getMessage(), e);
        }
    }

    private static void rollUp(Connection c, TreeMap<RollupKey, Rollup> rollups) throws SQLException {
        int n = rollups.size();
        String[][] text = new String[13][n]; // every column but the count, in the statement's order
        Long[] counts = new Long[n];
        int i = 0;
        for (Map.Entry<RollupKey, Rollup> entry : rollups.entrySet()) {
            RollupKey k = entry.getKey();
            Rollup r = entry.getValue();
            text[0][i] = k.meter();
            text[1][i] = UtcInstants.format(Instant.ofEpochSecond(k.hourEpochSecond()));
            text[2][i] = k.customerKey();
            text[3][i] = k.assetKey();
            text[4][i] = k.dimsKey();
            text[5][i] = r.customer;
            text[6][i] = r.asset;
            counts[i] = r.count;
            text[7][i] = r.sum.toPlainString();
            text[8][i] = r.min.toPlainString();
            text[9][i] = r.max.toPlainString();
            text[10][i] = UtcInstants.format(r.latestTime);
            text[11][i] = r.latestEventId;
            text[12][i] = r.latestValue.toPlainString();
            i++;
        }
        try (PreparedStatement s = c.prepareStatement(ROLL_UP)) {
            for (int col = 0; col < 7; col++) {
                s.setArray(col + 1, text(c, text[col]));
            }
            s.setArray(8, c.createArrayOf("bigint", counts));
            for (int col = 7; col < 13; col++) {
                s.setArray(col + 2, text(c, text[col]));
            }
            s.executeUpdate();
        }
    }

    private static void uniques(Connection c, TreeSet<UniqueValue> values) throws SQLException {
        if (values.isEmpty()) {
            return;
        }
        int n = values.size();
        String[][] columns = new String[6][n];
        int i = 0;
        for (UniqueValue u : values) {
            columns[0][i] = u.key().meter();
            columns[1][i] = UtcInstants.format(Instant.ofEpochSecond(u.key().hourEpochSecond()));
            columns[2][i] = u.key().customerKey();
            columns[3][i] = u.key().assetKey();
            columns[4][i] = u.key().dimsKey();
            columns[5][i] = u.value();
            i++;
        }
        try (PreparedStatement s = c.prepareStatement(UNIQUES)) {
            for (int col = 0; col < 6; col++) {
                s.setArray(col + 1, text(c, columns[col]));
            }
            s.executeUpdate();
        }
    }

    /** Records the assets seen, announcing new ones; returns each asset's client (null when unassigned). */
    private static Map<String, String> assets(Connection c, TreeMap<String, AssetSighting> assets, List<String> added)
            throws SQLException {
        if (assets.isEmpty()) {
            return Map.of();
        }
        int n = assets.size();
        String[][] columns = new String[4][n];
        int i = 0;
        for (Map.Entry<String, AssetSighting> e : assets.entrySet()) {
            columns[0][i] = e.getKey();
            columns[1][i] = e.getValue().source;
            columns[2][i] = UtcInstants.format(e.getValue().firstSeen);
            columns[3][i] = UtcInstants.format(e.getValue().lastSeen);
            i++;
        }
        Map<String, String> clients = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(ASSETS)) {
            for (int col = 0; col < 4; col++) {
                s.setArray(col + 1, text(c, columns[col]));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    clients.put(rs.getString(1), rs.getString(2));
                    if (rs.getBoolean(3)) {
                        added.add(rs.getString(1));
                    }
                }
            }
        }
        return clients;
    }

    private static Instant queue(Connection c, UUID batch) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(QUEUE)) {
            s.setObject(1, batch);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getObject(1, OffsetDateTime.class).toInstant();
            }
        }
    }

    private static Array text(Connection c, String[] values) throws SQLException {
        return c.createArrayOf("text", values);
    }

    /**
     * A batch id whose first 48 bits are the time in milliseconds (the layout of a version 7 UUID), so ids grow and
     * the index on {@code meter_event.batch_id} is appended at its end rather than written all over.
     */
    static UUID orderedUuid() {
        long millis = System.currentTimeMillis();
        long high = (millis << 16) | 0x7000L | (RANDOM.nextInt() & 0x0FFFL);
        long low = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    /** Monthly partitions, made before the batch's transaction so that no event lands in the default partition. */
    private void ensurePartitions(Collection<Planned> events) throws SQLException {
        Set<YearMonth> months = new TreeSet<>();
        for (Planned p : events) {
            YearMonth month = YearMonth.from(p.event().timestamp().atOffset(ZoneOffset.UTC));
            if (!partitions.contains(month)) {
                months.add(month);
            }
        }
        if (months.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            for (YearMonth month : months) {
                String name = String.format("meter_event_y%04dm%02d", month.getYear(), month.getMonthValue());
                try {
                    s.execute("CREATE TABLE IF NOT EXISTS " + name + " PARTITION OF meter_event FOR VALUES FROM ('"
                            + month.atDay(1) + "') TO ('" + month.plusMonths(1).atDay(1) + "')");
                } catch (SQLException e) {
                    // Another replica made it at the same moment: then it exists, which is all we need.
                    if (!"42P07".equals(e.getSQLState())) {
                        throw e;
                    }
                }
                partitions.add(month);
            }
        }
    }
}
