package io.meterline.projection.projections;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.meterline.contracts.billing.BucketChanged;
import io.meterline.contracts.billing.ClientChanged;
import io.meterline.platform.paging.Page;
import io.meterline.platform.paging.PageRequest;
import io.meterline.platform.paging.SortOrder;
import io.meterline.platform.problem.ProblemException;
import io.meterline.projection.state.DimensionSets;
import io.meterline.projection.state.ReplicaKind;
import io.meterline.projection.state.Replicas;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads projections: a client's whole period in one read, or every client's, paged. */
@ApplicationScoped
public class ProjectionQueries {

    private static final String COLUMNS = "client_id, p.external_id, p.bucket_id, p.charge_key, p.meter, "
            + "p.dimensions, p.source_type, p.period_start, p.period_end, p.currency, p.current_usage, "
            + "p.projected_usage, p.projected_low, p.projected_high, p.commit_units, p.percent_of_commit, "
            + "p.projected_cost, p.projected_metered_cost, p.current_revenue, p.current_cost, p.projected_overage, "
            + "p.projected_buffer, p.method, t.calculated_at";

    /** A line is calculated when its client is (a line is only written when its figures change). */
    private static final String FROM = " FROM projection p JOIN projection_total t USING (client_id) ";

    /** Each field the projection list sorts by (as the API names it) and its column. */
    private static final Map<String, String> SORT_COLUMNS = Map.ofEntries(Map.entry("externalId", "p.external_id"),
            Map.entry("charge", "p.charge_key"), Map.entry("meter", "p.meter"),
            Map.entry("sourceType", "p.source_type"), Map.entry("periodEnd", "p.period_end"),
            Map.entry("currency", "p.currency"), Map.entry("currentUsage", "p.current_usage"),
            Map.entry("projectedUsage", "p.projected_usage"), Map.entry("commitUnits", "p.commit_units"),
            Map.entry("percentOfCommit", "p.percent_of_commit"), Map.entry("currentRevenue", "p.current_revenue"),
            Map.entry("currentCost", "p.current_cost"), Map.entry("projectedCost", "p.projected_cost"),
            Map.entry("projectedMeteredCost", "p.projected_metered_cost"),
            Map.entry("projectedOverage", "p.projected_overage"), Map.entry("projectedBuffer", "p.projected_buffer"),
            Map.entry("calculatedAt", "t.calculated_at"));

    /** The fields of {@code ?sort=} on the projection list. */
    public static final Set<String> SORTABLE = SORT_COLUMNS.keySet();

    /** By customer, as the list always was. */
    public static final String DEFAULT_SORT = "externalId";

    /** The primary key: ends every order, so a client's lines stay in their order and pages never overlap. */
    private static final String TIE_BREAKER = "p.client_id, p.line";

    @Inject
    Pool pool;

    @Inject
    Replicas replicas;

    public Uni<Page<ProjectionView>> list(UUID client, UUID bucket, SortOrder order, PageRequest request) {
        Uni<Void> known = Uni.createFrom().voidItem();
        if (client != null) {
            known = replicas.one(ReplicaKind.CLIENT, client.toString(), ClientChanged.class).invoke(found -> {
                if (found == null) {
                    throw ProblemException.notFound("No client " + client + ": billing has announced no such client.");
                }
            }).replaceWithVoid();
        }
        if (bucket != null) {
            known = known.chain(() -> replicas.one(ReplicaKind.BUCKET, bucket.toString(), BucketChanged.class)
                    .invoke(found -> {
                        if (found == null || (client != null && !found.client().equals(client))) {
                            throw ProblemException.notFound("No bucket " + bucket
                                    + (client != null ? " of client " + client : "") + ".");
                        }
                    })).replaceWithVoid();
        }
        // Only the filters given, so each form is planned with its index (a prepared "$1 IS NULL OR ..." is not).
        List<String> conditions = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (client != null) {
            args.add(client);
            conditions.add("p.client_id = $" + args.size());
        }
        if (bucket != null) {
            args.add(bucket);
            conditions.add("p.bucket_id = $" + args.size());
        }
        String where = conditions.isEmpty() ? "" : "WHERE " + String.join(" AND ", conditions);
        // The ORDER BY is made of SORT_COLUMNS' columns only, never of the caller's text: safe to concatenate.
        String page = " ORDER BY " + order.toSql(SORT_COLUMNS, TIE_BREAKER) + " LIMIT $" + (args.size() + 1)
                + " OFFSET $" + (args.size() + 2);
        List<Object> paged = new ArrayList<>(args);
        paged.add(request.size());
        paged.add(request.offset());
        return known.chain(() -> pool.preparedQuery("SELECT count(*) FROM projection p " + where)
                .execute(Tuple.from(args)))
                .map(rows -> rows.iterator().next().getLong(0))
                .chain(total -> pool.preparedQuery("SELECT " + COLUMNS + FROM + where + page)
                        .execute(Tuple.from(paged))
                        .map(rows -> {
                            List<ProjectionView> items = new ArrayList<>();
                            rows.forEach(r -> items.add(view(r)));
                            return new Page<>(items, request.page(), request.size(), total);
                        }));
    }

    private static ProjectionView view(Row r) {
        BigDecimal commit = r.getBigDecimal("commit_units");
        BigDecimal current = r.getBigDecimal("current_usage");
        String currentPercent = commit == null || commit.signum() == 0 ? null
                : current.multiply(BigDecimal.valueOf(100)).divide(commit, 2, RoundingMode.HALF_UP).toPlainString();
        return new ProjectionView(r.getUUID("client_id"), r.getString("external_id"), r.getUUID("bucket_id"),
                r.getString("charge_key"), r.getString("meter"), DimensionSets.parse(r.getString("dimensions")),
                r.getString("source_type"), r.getOffsetDateTime("period_start").toInstant(),
                r.getOffsetDateTime("period_end").toInstant(), r.getString("currency"), text(current),
                text(r.getBigDecimal("projected_usage")), text(r.getBigDecimal("projected_low")),
                text(r.getBigDecimal("projected_high")), text(commit), text(r.getBigDecimal("percent_of_commit")),
                currentPercent, text(r.getBigDecimal("projected_cost")),
                text(r.getBigDecimal("projected_metered_cost")), text(r.getBigDecimal("current_revenue")),
                text(r.getBigDecimal("current_cost")), text(r.getBigDecimal("projected_overage")),
                text(r.getBigDecimal("projected_buffer")), r.getString("method"),
                r.getOffsetDateTime("calculated_at").toInstant());
    }

    /** Quantities to at most 6 decimals, trailing zeros dropped; money keeps its currency's digits. */
    static String text(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal v = value.scale() > 6 ? value.setScale(6, RoundingMode.HALF_UP) : value;
        return v.scale() > 2 ? v.stripTrailingZeros().toPlainString() : v.toPlainString();
    }
}
