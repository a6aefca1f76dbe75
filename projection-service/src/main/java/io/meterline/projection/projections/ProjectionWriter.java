package io.meterline.projection.projections;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.meterline.platform.db.UnnestColumns;
import io.meterline.projection.state.DimensionSets;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Stores a chunk of clients' projections in one transaction, each client's lines replaced whole (a line that no
 * longer exists, such as an ended bucket, goes). One set-based statement per table: the recompute benchmark's write path.
 */
@ApplicationScoped
public class ProjectionWriter {

    @Inject
    Pool pool;

    public Uni<Void> save(List<ClientProjection> projections) {
        if (projections.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        UUID[] clients = projections.stream().map(ClientProjection::clientId).toArray(UUID[]::new);
        UnnestColumns lines = new UnnestColumns(26);
        UnnestColumns totals = new UnnestColumns(10);
        for (ClientProjection p : projections) {
            Instant start = p.period().start();
            Instant end = p.period().end();
            Instant at = p.calculatedAt();
            for (ProjectionLine l : p.lines()) {
                lines.add(p.clientId(), l.key(), p.externalId(), l.bucketId(), l.chargeKey(), l.meter(),
                        DimensionSets.canonical(l.dimensions()), l.unitTypeId(), l.sourceType(), start, end,
                        p.currency(), l.currentUsage(), l.projectedUsage(), l.projectedLow(), l.projectedHigh(),
                        l.commitUnits(), l.percentOfCommit(), l.currentRevenue(), l.currentCost(), l.projectedCost(),
                        l.projectedMeteredCost(), l.projectedOverage(), l.projectedBuffer(), l.method(), at);
            }
            totals.add(p.clientId(), p.externalId(), start, end, p.currency(), p.currentRevenue(), p.currentCost(),
                    p.projectedRevenue(), p.projectedCost(), at);
        }
        return pool.withTransaction(tx -> tx.preparedQuery("DELETE FROM projection WHERE client_id = ANY ($1)")
                .execute(Tuple.of((Object) clients))
                .chain(() -> lines.isEmpty() ? Uni.createFrom().voidItem()
                        : tx.preparedQuery("INSERT INTO projection (client_id, line, external_id, bucket_id, "
                                + "charge_key, meter, dimensions, unit_type_id, source_type, period_start, "
                                + "period_end, currency, current_usage, projected_usage, projected_low, "
                                + "projected_high, commit_units, percent_of_commit, current_revenue, current_cost, "
                                + "projected_cost, projected_metered_cost, projected_overage, projected_buffer, "
                                + "method, calculated_at) SELECT * FROM unnest($1::text[]::uuid[], $2::text[], "
                                + "$3::text[], $4::text[]::uuid[], $5::text[], $6::text[], $7::text[], "
                                + "$8::text[]::uuid[], $9::text[], $10::text[]::timestamptz[], "
                                + "$11::text[]::timestamptz[], $12::text[], $13::text[]::numeric[], "
                                + "$14::text[]::numeric[], $15::text[]::numeric[], $16::text[]::numeric[], "
                                + "$17::text[]::numeric[], $18::text[]::numeric[], $19::text[]::numeric[], "
                                + "$20::text[]::numeric[], $21::text[]::numeric[], $22::text[]::numeric[], "
                                + "$23::text[]::numeric[], $24::text[]::numeric[], $25::text[], "
                                + "$26::text[]::timestamptz[])").execute(lines.tuple()).replaceWithVoid())
                .chain(() -> tx.preparedQuery("INSERT INTO projection_total (client_id, external_id, period_start, "
                        + "period_end, currency, current_revenue, current_cost, projected_revenue, projected_cost, "
                        + "calculated_at) SELECT * FROM unnest($1::text[]::uuid[], $2::text[], "
                        + "$3::text[]::timestamptz[], $4::text[]::timestamptz[], $5::text[], $6::text[]::numeric[], "
                        + "$7::text[]::numeric[], $8::text[]::numeric[], $9::text[]::numeric[], "
                        + "$10::text[]::timestamptz[]) ON CONFLICT (client_id) "
                        + "DO UPDATE SET external_id = excluded.external_id, period_start = excluded.period_start, "
                        + "period_end = excluded.period_end, currency = excluded.currency, current_revenue = "
                        + "excluded.current_revenue, current_cost = excluded.current_cost, projected_revenue = "
                        + "excluded.projected_revenue, projected_cost = excluded.projected_cost, calculated_at = "
                        + "excluded.calculated_at").execute(totals.tuple())))
                .replaceWithVoid();
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
