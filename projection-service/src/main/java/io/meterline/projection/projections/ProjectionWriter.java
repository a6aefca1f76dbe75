package io.meterline.projection.projections;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.meterline.platform.db.UnnestColumns;
import io.meterline.projection.state.DimensionSets;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Stores a chunk of clients' projections in one set-based statement (the freshness and recompute benchmarks' write
 * path): each client's totals, then only its lines whose figures changed, and its lines that no longer exist (an ended
 * bucket) go. A save whose recompute took the client's mark before the stored one's changes nothing, so overlapping
 * recomputes of a client never leave the older projection behind.
 */
@ApplicationScoped
public class ProjectionWriter {

    private static final String LINE_COLUMNS = "client_id, line, external_id, bucket_id, charge_key, meter, "
            + "dimensions, unit_type_id, source_type, period_start, period_end, currency, current_usage, "
            + "projected_usage, projected_low, projected_high, commit_units, percent_of_commit, current_revenue, "
            + "current_cost, projected_cost, projected_metered_cost, projected_overage, projected_buffer, method, "
            + "projected_revenue";

    /** The figures of a line: it is written again only when one of them changed. */
    private static final String LINE_FIGURES = Arrays.stream(LINE_COLUMNS.split(", ")).skip(2)
            .collect(java.util.stream.Collectors.joining(", "));

    private static final String SAVE = """
            WITH total AS (
                SELECT * FROM unnest($1::text[]::uuid[], $2::text[], $3::text[]::timestamptz[],
                    $4::text[]::timestamptz[], $5::text[], $6::text[]::numeric[], $7::text[]::numeric[],
                    $8::text[]::numeric[], $9::text[]::numeric[], $10::text[]::timestamptz[])
                AS t(client_id, external_id, period_start, period_end, currency, current_revenue, current_cost,
                     projected_revenue, projected_cost, calculated_at)),
            won AS (
                INSERT INTO projection_total (client_id, external_id, period_start, period_end, currency,
                    current_revenue, current_cost, projected_revenue, projected_cost, calculated_at, inputs_at)
                SELECT total.*, $11::timestamptz FROM total
                ON CONFLICT (client_id) DO UPDATE SET external_id = excluded.external_id,
                    period_start = excluded.period_start, period_end = excluded.period_end,
                    currency = excluded.currency, current_revenue = excluded.current_revenue,
                    current_cost = excluded.current_cost, projected_revenue = excluded.projected_revenue,
                    projected_cost = excluded.projected_cost, calculated_at = excluded.calculated_at,
                    inputs_at = excluded.inputs_at
                WHERE projection_total.inputs_at <= excluded.inputs_at
                RETURNING client_id),
            line AS (
                SELECT * FROM unnest($12::text[]::uuid[], $13::text[], $14::text[], $15::text[]::uuid[],
                    $16::text[], $17::text[], $18::text[], $19::text[]::uuid[], $20::text[],
                    $21::text[]::timestamptz[], $22::text[]::timestamptz[], $23::text[], $24::text[]::numeric[],
                    $25::text[]::numeric[], $26::text[]::numeric[], $27::text[]::numeric[], $28::text[]::numeric[],
                    $29::text[]::numeric[], $30::text[]::numeric[], $31::text[]::numeric[], $32::text[]::numeric[],
                    $33::text[]::numeric[], $34::text[]::numeric[], $35::text[]::numeric[], $36::text[],
                    $37::text[]::numeric[])
                AS l(%1$s)),
            changed AS (
                INSERT INTO projection (%1$s, changed_at)
                SELECT l.*, t.calculated_at FROM line l JOIN total t USING (client_id)
                WHERE l.client_id IN (SELECT client_id FROM won)
                ON CONFLICT (client_id, line) DO UPDATE SET (%2$s, changed_at) = (%3$s, excluded.changed_at)
                WHERE (%4$s) IS DISTINCT FROM (%3$s))
            DELETE FROM projection p WHERE p.client_id = ANY (ARRAY(SELECT client_id FROM won))
                AND NOT EXISTS (SELECT 1 FROM line l WHERE l.client_id = p.client_id AND l.line = p.line)
            """.formatted(LINE_COLUMNS, LINE_FIGURES, prefixed("excluded.", LINE_FIGURES),
            prefixed("projection.", LINE_FIGURES));

    @Inject
    Pool pool;

    /**
     * Saves a chunk's projections, recomputed from the inputs as of {@code inputsAt} (the database time the chunk's
     * marks were taken).
     */
    public Uni<Void> save(List<ClientProjection> projections, Instant inputsAt) {
        if (projections.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        UnnestColumns totals = new UnnestColumns(10);
        UnnestColumns lines = new UnnestColumns(26);
        for (ClientProjection p : projections) {
            Instant start = p.period().start();
            Instant end = p.period().end();
            List<BigDecimal> revenues = p.lineRevenues();
            for (int i = 0; i < p.lines().size(); i++) {
                ProjectionLine l = p.lines().get(i);
                lines.add(p.clientId(), l.key(), p.externalId(), l.bucketId(), l.chargeKey(), l.meter(),
                        DimensionSets.canonical(l.dimensions()), l.unitTypeId(), l.sourceType(), start, end,
                        p.currency(), l.currentUsage(), l.projectedUsage(), l.projectedLow(), l.projectedHigh(),
                        l.commitUnits(), l.percentOfCommit(), l.currentRevenue(), l.currentCost(), l.projectedCost(),
                        l.projectedMeteredCost(), l.projectedOverage(), l.projectedBuffer(), l.method(),
                        revenues.get(i));
            }
            totals.add(p.clientId(), p.externalId(), start, end, p.currency(), p.currentRevenue(), p.currentCost(),
                    p.projectedRevenue(), p.projectedCost(), p.calculatedAt());
        }
        Tuple args = lines.appendTo(totals.tuple().addValue(utc(inputsAt)));
        return pool.preparedQuery(SAVE).execute(args).replaceWithVoid();
    }

    private static String prefixed(String prefix, String columns) {
        return Arrays.stream(columns.split(", ")).map(c -> prefix + c)
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** A series' model, fitted in this pass, to keep until its refit. */
    public record FittedModel(String customer, String series, io.meterline.projection.forecast.ForecastModel model) {
    }

    public Uni<Void> saveModels(List<FittedModel> models) {
        if (models.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = models.stream().map(m -> Tuple.of(m.customer(), m.series(),
                utc(m.model().fittedAt()), m.model().encode())).toList();
        return pool.preparedQuery("INSERT INTO forecast_model (customer, series, fitted_at, model) VALUES ($1, $2, "
                + "$3, $4) ON CONFLICT (customer, series) DO UPDATE SET fitted_at = excluded.fitted_at, model = "
                + "excluded.model").executeBatch(rows).replaceWithVoid();
    }

    /** Clients without an open period any more (ended, disabled, unknown) keep no projection. */
    public Uni<Void> forget(List<String> customers) {
        if (customers.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String[] ids = customers.toArray(String[]::new);
        return pool.withTransaction(tx -> tx.preparedQuery("DELETE FROM projection WHERE external_id = ANY ($1)")
                .execute(Tuple.of((Object) ids)).chain(() -> tx.preparedQuery(
                        "DELETE FROM projection_total WHERE external_id = ANY ($1)").execute(Tuple.of((Object) ids))))
                .replaceWithVoid();
    }

    private static OffsetDateTime utc(java.time.Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
