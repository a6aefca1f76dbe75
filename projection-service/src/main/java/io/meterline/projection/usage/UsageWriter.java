package io.meterline.projection.usage;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.meterline.contracts.usage.MeteredUsageEvent;
import io.meterline.projection.state.DimensionSets;
import io.meterline.projection.state.DirtyClients;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Applies a batch of metered events to the hourly real-time totals, each event identity once, in one statement (so
 * one transaction): new identities are recorded, only those add to {@code usage_hour} and {@code usage_day} (per asset
 * and dimension set) and {@code usage_meter_hour} (per meter: the forecasts' series), and their customers are marked
 * for a recompute. Hand-written set-based SQL: this is the freshness benchmark's hot path (docs/benchmarks.md).
 * Batches of two consumers can overlap (an event whose client was resolved later is keyed differently), so every
 * insert takes its rows in key order: two batches then wait for each other, never deadlock.
 */
@ApplicationScoped
public class UsageWriter {

    private static final String APPLY = """
            WITH input AS (
                SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                                     $7::timestamptz[], $8::numeric[])
                    AS t(scope, event_id, customer, meter, asset, dims, hour, value)),
            fresh AS (
                INSERT INTO metered_event_seen (scope, event_id) SELECT scope, event_id FROM input
                ORDER BY scope, event_id ON CONFLICT DO NOTHING RETURNING scope, event_id),
            added AS (
                SELECT i.customer, i.meter, i.asset, i.dims, i.hour, sum(i.value) AS value, count(*) AS events,
                       max(i.value) AS max_value
                FROM input i JOIN fresh f ON f.scope = i.scope AND f.event_id = i.event_id
                GROUP BY i.customer, i.meter, i.asset, i.dims, i.hour),
            upserted AS (
                INSERT INTO usage_hour (customer, meter, asset, dims, hour, value, events, max_value)
                SELECT customer, meter, asset, dims, hour, value, events, max_value FROM added
                ORDER BY customer, meter, hour, asset, dims
                ON CONFLICT (customer, meter, hour, asset, dims) DO UPDATE
                SET value = usage_hour.value + excluded.value, events = usage_hour.events + excluded.events,
                    max_value = greatest(usage_hour.max_value, excluded.max_value)
                RETURNING customer),
            per_day AS (
                INSERT INTO usage_day (customer, meter, asset, dims, day, value, events, max_value)
                SELECT customer, meter, asset, dims, (hour AT TIME ZONE 'UTC')::date, sum(value), sum(events),
                       max(max_value) FROM added
                GROUP BY customer, meter, asset, dims, (hour AT TIME ZONE 'UTC')::date
                ORDER BY customer, meter, 5, asset, dims
                ON CONFLICT (customer, meter, day, asset, dims) DO UPDATE
                SET value = usage_day.value + excluded.value, events = usage_day.events + excluded.events,
                    max_value = greatest(usage_day.max_value, excluded.max_value)),
            per_meter AS (
                INSERT INTO usage_meter_hour (customer, meter, hour, value, events, max_value)
                SELECT customer, meter, hour, sum(value), sum(events), max(max_value) FROM added
                GROUP BY customer, meter, hour ORDER BY customer, meter, hour
                ON CONFLICT (customer, meter, hour) DO UPDATE
                SET value = usage_meter_hour.value + excluded.value,
                    events = usage_meter_hour.events + excluded.events,
                    max_value = greatest(usage_meter_hour.max_value, excluded.max_value))
            INSERT INTO dirty_customer (customer, changed_at)
            SELECT DISTINCT customer, now() FROM upserted ORDER BY customer
            """ + DirtyClients.MARK_CHANGED;

    @Inject
    Pool pool;

    /** Applies the attributable events (those with a client or customer); duplicates within the batch count once. */
    public Uni<Void> apply(List<MeteredUsageEvent> events) {
        Map<String, MeteredUsageEvent> unique = new LinkedHashMap<>();
        for (MeteredUsageEvent e : events) {
            if (customerOf(e) != null) {
                unique.putIfAbsent(e.identityScope() + "\u0000" + e.id(), e);
            }
        }
        if (unique.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = unique.size();
        String[] scopes = new String[n];
        String[] ids = new String[n];
        String[] customers = new String[n];
        String[] meters = new String[n];
        String[] assets = new String[n];
        String[] dims = new String[n];
        OffsetDateTime[] hours = new OffsetDateTime[n];
        BigDecimal[] values = new BigDecimal[n];
        int i = 0;
        for (MeteredUsageEvent e : unique.values()) {
            scopes[i] = e.identityScope();
            ids[i] = e.id();
            customers[i] = customerOf(e);
            meters[i] = e.meter();
            assets[i] = e.asset() == null ? "" : e.asset();
            dims[i] = DimensionSets.canonical(e.dimensions());
            hours[i] = e.timestamp().truncatedTo(ChronoUnit.HOURS).atOffset(ZoneOffset.UTC);
            values[i] = e.value();
            i++;
        }
        // One statement is one transaction: no BEGIN and COMMIT round trips on the hot path.
        return pool.preparedQuery(APPLY)
                .execute(Tuple.from(new Object[] { scopes, ids, customers, meters, assets, dims, hours, values }))
                .replaceWithVoid();
    }

    /** The client an event bills to: the client metering resolved, else its customer. */
    static String customerOf(MeteredUsageEvent e) {
        return e.client() != null ? e.client() : e.customer();
    }

    /** Forgets identities older than the retention; a redelivery never comes that late. */
    public Uni<Integer> forgetSeenBefore(java.time.Instant cutoff) {
        return pool.preparedQuery("DELETE FROM metered_event_seen WHERE seen_at < $1")
                .execute(Tuple.of(cutoff.atOffset(ZoneOffset.UTC))).map(rows -> rows.rowCount());
    }
}
