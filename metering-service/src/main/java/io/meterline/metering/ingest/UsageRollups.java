package io.meterline.metering.ingest;

import static io.meterline.metering.ingest.JdbcArrays.text;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import io.meterline.metering.ingest.BatchPlan.Rollup;
import io.meterline.metering.ingest.BatchPlan.RollupKey;
import io.meterline.metering.ingest.BatchPlan.UniqueValue;
import io.meterline.platform.time.UtcInstants;

/**
 * The hourly rollups usage queries read, {@code usage_rollup}, and the distinct values of UNIQUE_COUNT meters: one
 * upsert each per batch, of rows {@link BatchPlan} worked out in memory, in key order so two batches never deadlock.
 */
final class UsageRollups {

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

    private UsageRollups() {
    }

    static void rollUp(Connection c, TreeMap<RollupKey, Rollup> rollups) throws SQLException {
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

    static void uniques(Connection c, TreeSet<UniqueValue> values) throws SQLException {
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
}
