package io.meterline.projection.alerts;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.meterline.projection.ProjectionConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads {@link AlertFacts} from the projection tables (hand-written SQL: every rule, every few seconds). */
@ApplicationScoped
public class AlertFactsReader {

    @Inject
    Pool pool;

    @Inject
    ProjectionConfig config;

    public Uni<AlertFacts> read(boolean withBaseline) {
        return lines().chain(lines -> totals().chain(totals -> (withBaseline ? baseline()
                : Uni.createFrom().item(Map.<String, List<BigDecimal>> of()))
                .map(baseline -> new AlertFacts(lines, totals, baseline))));
    }

    private Uni<List<AlertFacts.Line>> lines() {
        return pool.query("SELECT client_id, line, bucket_id, meter, period_start, current_usage, projected_usage, "
                + "commit_units, current_cost, projected_cost, projected_metered_cost FROM projection").execute()
                .map(rows -> {
                    List<AlertFacts.Line> out = new ArrayList<>();
                    for (Row r : rows) {
                        UUID client = r.getUUID(0);
                        String line = r.getString(1);
                        // A charge line's key is only unique within its client.
                        String scope = line.startsWith("charge:") ? "charge:" + client + ":" + line.substring(7)
                                : line;
                        out.add(new AlertFacts.Line(client, scope, r.getUUID(2), r.getString(3),
                                r.getOffsetDateTime(4).toInstant(), r.getBigDecimal(5), r.getBigDecimal(6),
                                r.getBigDecimal(7), r.getBigDecimal(8), r.getBigDecimal(9), r.getBigDecimal(10)));
                    }
                    return out;
                });
    }

    private Uni<Map<UUID, AlertFacts.Total>> totals() {
        return pool.query("SELECT client_id, period_start, projected_revenue, projected_cost FROM projection_total")
                .execute().map(rows -> {
                    Map<UUID, AlertFacts.Total> out = new HashMap<>();
                    for (Row r : rows) {
                        out.put(r.getUUID(0), new AlertFacts.Total(r.getUUID(0), r.getOffsetDateTime(1).toInstant(),
                                r.getBigDecimal(2), r.getBigDecimal(3)));
                    }
                    return out;
                });
    }

    /** Cost per unit of each client's meter in each of its last closed (not void) periods. */
    private Uni<Map<String, List<BigDecimal>>> baseline() {
        return pool.preparedQuery("""
                SELECT client_id, meter, per_unit FROM (
                    SELECT ci.client_id, r.meter, sum(r.cost) / nullif(sum(r.usage), 0) AS per_unit,
                           row_number() OVER (PARTITION BY ci.client_id, r.meter ORDER BY ci.period_start DESC) AS n
                    FROM closed_reading r JOIN closed_invoice ci ON ci.id = r.invoice_id
                    WHERE ci.voided_at IS NULL
                    GROUP BY ci.client_id, r.meter, ci.period_start) periods
                WHERE n <= $1 AND per_unit IS NOT NULL
                """).execute(Tuple.of(config.alerts().anomalyBaselinePeriods())).map(rows -> {
            Map<String, List<BigDecimal>> out = new HashMap<>();
            for (Row r : rows) {
                out.computeIfAbsent(AlertFacts.baselineKey(r.getUUID(0), r.getString(1)), k -> new ArrayList<>())
                        .add(r.getBigDecimal(2));
            }
            return out;
        });
    }
}
