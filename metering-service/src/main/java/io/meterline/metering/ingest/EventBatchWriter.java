package io.meterline.metering.ingest;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.meterline.contracts.usage.RawUsageEvent;
import io.meterline.metering.meters.Meter;
import io.meterline.metering.meters.MeterCatalog;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Stores a batch of raw events exactly once, in one transaction: COPY into a temporary table, then one statement
 * that claims each new identity in {@code event_identity}, stores only the events whose identity was new, rolls them
 * up by hour, records new assets (announcing them through the outbox), and queues the batch for
 * {@code meterline.usage.metered}. A redelivered batch
 * finds its identities claimed and stores nothing again.
 *
 * <p>JDBC rather than the reactive client here: COPY is the fastest way into PostgreSQL, and this runs on the
 * consumer's own thread, off the event loop.
 */
@ApplicationScoped
public class EventBatchWriter {

    /** What one batch came to. */
    public record Outcome(int received, int stored, int conflicting, List<String> newAssets) {
    }

    private static final String CREATE_INCOMING = """
            CREATE TEMP TABLE IF NOT EXISTS incoming (
                ord bigint, scope text, event_id text, event_time timestamptz, meter text, customer text,
                asset text, source text, value numeric(38, 9), dimensions text, dims_key text,
                ingested_at timestamptz, unique_value text) ON COMMIT DELETE ROWS""";

    private static final String STORE = """
            WITH firsts AS (
                SELECT DISTINCT ON (scope, event_id) * FROM incoming ORDER BY scope, event_id, ord
            ), fresh AS (
                INSERT INTO event_identity (scope, event_id, event_time, value)
                SELECT scope, event_id, event_time, value FROM firsts
                ON CONFLICT DO NOTHING
                RETURNING scope, event_id
            ), new_events AS (
                SELECT f.* FROM firsts f JOIN fresh USING (scope, event_id)
            ), stored AS (
                INSERT INTO meter_event (scope, event_id, event_time, meter, customer, asset, source, value,
                                         dimensions, dims_key, ingested_at, batch_id)
                SELECT scope, event_id, event_time, meter, customer, asset, source, value, dimensions::jsonb,
                       dims_key, ingested_at, ?::uuid FROM new_events
            ), uniques AS (
                INSERT INTO usage_rollup_unique (meter, hour, customer_key, asset_key, dims_key, unique_value)
                SELECT DISTINCT meter, date_trunc('hour', event_time, 'UTC'), coalesce(customer, ''), coalesce(asset, ''),
                       dims_key, unique_value FROM new_events WHERE unique_value IS NOT NULL
                ON CONFLICT DO NOTHING
            ), rolled AS (
                INSERT INTO usage_rollup AS r (meter, hour, customer_key, asset_key, dims_key, customer, asset,
                    dimensions, event_count, value_sum, value_min, value_max, latest_time, latest_event_id, latest_value)
                SELECT meter, date_trunc('hour', event_time, 'UTC'), coalesce(customer, ''), coalesce(asset, ''), dims_key,
                       min(customer), min(asset), min(dimensions)::jsonb, count(*), sum(value), min(value), max(value),
                       max(event_time),
                       (array_agg(event_id ORDER BY event_time DESC, event_id DESC))[1],
                       (array_agg(value ORDER BY event_time DESC, event_id DESC))[1]
                FROM new_events
                GROUP BY meter, date_trunc('hour', event_time, 'UTC'), coalesce(customer, ''), coalesce(asset, ''), dims_key
                ON CONFLICT (meter, hour, customer_key, asset_key, dims_key) DO UPDATE SET
                    event_count = r.event_count + excluded.event_count,
                    value_sum = r.value_sum + excluded.value_sum,
                    value_min = least(r.value_min, excluded.value_min),
                    value_max = greatest(r.value_max, excluded.value_max),
                    latest_value = CASE WHEN (excluded.latest_time, excluded.latest_event_id)
                        > (r.latest_time, r.latest_event_id) THEN excluded.latest_value ELSE r.latest_value END,
                    latest_event_id = CASE WHEN (excluded.latest_time, excluded.latest_event_id)
                        > (r.latest_time, r.latest_event_id) THEN excluded.latest_event_id ELSE r.latest_event_id END,
                    latest_time = greatest(r.latest_time, excluded.latest_time)
            ), assets AS (
                INSERT INTO asset AS a (id, source, first_seen, last_seen)
                SELECT asset, min(source), min(event_time), max(event_time) FROM new_events
                WHERE asset IS NOT NULL GROUP BY asset
                ON CONFLICT (id) DO UPDATE SET last_seen = greatest(a.last_seen, excluded.last_seen),
                    first_seen = least(a.first_seen, excluded.first_seen),
                    source = coalesce(a.source, excluded.source)
                RETURNING id, source, first_seen, last_seen, (xmax = 0) AS inserted
            ), announced AS (
                INSERT INTO outbox (event_id, topic, record_key, event_type, subject, payload)
                SELECT gen_random_uuid(), 'meterline.metering.assets', id, 'io.meterline.metering.asset-changed.v1', id,
                       jsonb_build_object('v', 1, 'id', id, 'source', source, 'acknowledged', false, 'enabled', true,
                           'disregarded', false, 'firstSeen', first_seen, 'lastSeen', last_seen, 'change', 'discovered')
                FROM assets WHERE inserted
            ), queued AS (
                INSERT INTO metered_batch (batch_id) SELECT ?::uuid WHERE EXISTS (SELECT 1 FROM new_events)
            )
            SELECT (SELECT count(*) FROM incoming), (SELECT count(*) FROM new_events),
                   (SELECT coalesce(array_agg(id), '{}') FROM assets WHERE inserted)""";

    private static final String CONFLICTS = """
            SELECT count(*) FROM incoming i JOIN event_identity e USING (scope, event_id)
            WHERE i.event_time <> e.event_time OR i.value <> e.value""";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterCatalog meters;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry registry;

    private final Set<YearMonth> partitions = ConcurrentHashMap.newKeySet();

    public Outcome write(List<RawUsageEvent> events) throws SQLException {
        ensurePartitions(events);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (Statement s = c.createStatement()) {
                    s.execute(CREATE_INCOMING);
                }
                long started = System.nanoTime();
                copy(c, events);
                long copied = System.nanoTime();
                registry.timer("meterline.ingest.writer.copy").record(copied - started, TimeUnit.NANOSECONDS);
                UUID batch = UUID.randomUUID();
                Outcome outcome;
                try (PreparedStatement store = c.prepareStatement(STORE)) {
                    store.setString(1, batch.toString());
                    store.setString(2, batch.toString());
                    try (ResultSet rs = store.executeQuery()) {
                        rs.next();
                        int received = rs.getInt(1);
                        int stored = rs.getInt(2);
                        List<String> newAssets = List.of((String[]) rs.getArray(3).getArray());
                        int conflicting = 0;
                        if (stored < received) {
                            try (Statement s = c.createStatement(); ResultSet conflicts = s.executeQuery(CONFLICTS)) {
                                conflicts.next();
                                conflicting = conflicts.getInt(1);
                            }
                        }
                        outcome = new Outcome(received, stored, conflicting, newAssets);
                    }
                }
                long deduplicated = System.nanoTime();
                registry.timer("meterline.ingest.writer.store").record(deduplicated - copied, TimeUnit.NANOSECONDS);
                c.commit();
                registry.timer("meterline.ingest.writer.commit").record(System.nanoTime() - deduplicated,
                        TimeUnit.NANOSECONDS);
                return outcome;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private void copy(Connection c, List<RawUsageEvent> events) throws SQLException {
        StringBuilder rows = new StringBuilder(events.size() * 200);
        long ord = 0;
        for (RawUsageEvent e : events) {
            Map<String, String> dims = new TreeMap<>(e.dimensions() == null ? Map.of() : e.dimensions());
            String dimsJson = toJson(dims);
            Meter meter = meters.find(e.meter());
            String unique = meter != null && meter.uniqueBy() != null ? dims.get(meter.uniqueBy()) : null;
            appendRow(rows, ord++, e.identityScope(), e.id(), e.timestamp().toString(), e.meter(), e.customer(),
                    e.asset(), e.source(), e.value().toPlainString(), dimsJson, dimsJson,
                    (e.ingestedAt() != null ? e.ingestedAt() : Instant.now()).toString(), unique);
        }
        try {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY incoming FROM STDIN", new StringReader(rows.toString()));
        } catch (IOException e) {
            throw new SQLException("COPY failed: " + e.getMessage(), e);
        }
    }

    /** One row of COPY's text format: tab-separated, \N for null, with backslash, tab and newlines escaped. */
    private static void appendRow(StringBuilder out, long ord, String... fields) {
        out.append(ord);
        for (String field : fields) {
            out.append('\t');
            if (field == null) {
                out.append("\\N");
                continue;
            }
            for (int i = 0; i < field.length(); i++) {
                char ch = field.charAt(i);
                switch (ch) {
                    case '\\' -> out.append("\\\\");
                    case '\t' -> out.append("\\t");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    default -> out.append(ch);
                }
            }
        }
        out.append('\n');
    }

    /** Monthly partitions, made before the batch's transaction so that no event lands in the default partition. */
    private void ensurePartitions(List<RawUsageEvent> events) throws SQLException {
        Set<YearMonth> months = new TreeSet<>();
        for (RawUsageEvent e : events) {
            YearMonth month = YearMonth.from(e.timestamp().atOffset(ZoneOffset.UTC));
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

    private String toJson(Map<String, String> dims) {
        try {
            return json.writeValueAsString(dims);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
