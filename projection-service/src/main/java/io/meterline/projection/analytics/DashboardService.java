package io.meterline.projection.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.meterline.projection.projections.Recomputer;
import io.meterline.rating.RatingCurrency;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/** The dashboard's figures, each from the projections, the closed periods or the margin trend. */
@ApplicationScoped
public class DashboardService {

    static final int TOP = 10;
    static final int NEW_OVERAGES = 50;

    @Inject
    Pool pool;

    @Inject
    CommitFacts commits;

    @Inject
    OverUnderService overUnder;

    @Inject
    MarginService margin;

    @Inject
    Recomputer recomputer;

    @Inject
    ReconciliationService reconciliation;

    /** A client's projected revenue, or (client null) a currency's total over every open period. */
    private record Projected(UUID client, String externalId, String currency, BigDecimal revenue) {

        boolean total() {
            return client == null;
        }
    }

    /** The figures are independent reads: they run at once, on several of the pool's connections. */
    public Uni<Dashboard> dashboard() {
        return Uni.combine().all().unis(projected(), margin.trend(2, null), commits.lastPeriodRevenueBySource(),
                overUnder.statuses(), newOverages()).asTuple().map(t -> {
                    Map<String, BigDecimal> totals = new TreeMap<>();
                    t.getItem1().stream().filter(Projected::total).forEach(p -> totals.put(p.currency(), p.revenue()));
                    List<Projected> top = t.getItem1().stream().filter(p -> !p.total()).toList();
                    return new Dashboard(amounts(totals), monthOverMonth(t.getItem2()), top(top, totals),
                            sources(t.getItem3()), average(t.getItem3()), counts(t.getItem4()), t.getItem5(),
                            health());
                });
    }

    /**
     * Each currency's projected revenue over open periods not invoiced yet (an invoiced one waits for its client's
     * next recompute to move on), and the top clients; summed and ranked in the database, which holds every client.
     */
    private Uni<List<Projected>> projected() {
        return pool.query("""
                WITH open AS (
                    SELECT t.client_id, t.external_id, t.currency, t.projected_revenue FROM projection_total t
                    WHERE NOT EXISTS (SELECT 1 FROM closed_invoice ci WHERE ci.client_id = t.client_id
                                      AND ci.period_start = t.period_start AND ci.voided_at IS NULL))
                SELECT NULL::uuid, NULL, currency, sum(projected_revenue) FROM open GROUP BY currency
                UNION ALL
                (SELECT client_id, external_id, currency, projected_revenue FROM open
                 ORDER BY projected_revenue DESC, external_id LIMIT %d)
                """.formatted(TOP)).execute().map(rows -> {
                    List<Projected> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new Projected(r.getUUID(0), r.getString(1), r.getString(2), r.getBigDecimal(3)));
                    }
                    return out;
                });
    }

    /**
     * Buckets projected over their commit that were under it last period. Driven from each client's last period by
     * key: {@code OFFSET 0} keeps each lookup a nested loop, where the planner hashed whole scans of the readings and
     * the projection lines (35 against 80 ms over 12 months x 1,000 clients).
     */
    private Uni<List<Dashboard.NewOverage>> newOverages() {
        return pool.query("""
                SELECT p.client_id, p.external_id, p.bucket_id, p.percent_of_commit FROM closed_invoice last
                CROSS JOIN LATERAL (SELECT r.bucket_id FROM closed_reading r
                                    WHERE r.invoice_id = last.id AND r.buffer_units > 0 OFFSET 0) under
                CROSS JOIN LATERAL (SELECT * FROM projection p WHERE p.client_id = last.client_id
                                    AND p.bucket_id = under.bucket_id AND p.percent_of_commit > 100 OFFSET 0) p
                WHERE last.latest
                ORDER BY p.percent_of_commit DESC, p.external_id LIMIT
                """ + NEW_OVERAGES).execute().map(rows -> {
            List<Dashboard.NewOverage> out = new ArrayList<>();
            for (Row r : rows) {
                out.add(new Dashboard.NewOverage(r.getUUID(0), r.getString(1), r.getUUID(2),
                        r.getBigDecimal(3).toPlainString()));
            }
            return out;
        });
    }

    /** The top clients, each with its share of its currency's projected revenue. */
    private static List<Dashboard.TopClient> top(List<Projected> top, Map<String, BigDecimal> totals) {
        return top.stream().map(p -> {
            BigDecimal total = totals.get(p.currency());
            String share = total.signum() == 0 ? "0" : p.revenue().multiply(BigDecimal.valueOf(100))
                    .divide(total, 2, RoundingMode.HALF_UP).toPlainString();
            return new Dashboard.TopClient(p.client(), p.externalId(), p.currency(),
                    RatingCurrency.of(p.currency()).round(p.revenue()).toPlainString(), share);
        }).toList();
    }

    private static List<Dashboard.MonthOverMonth> monthOverMonth(List<MarginRow> trend) {
        Map<String, String[]> byCurrency = new TreeMap<>();
        String thisMonth = trend.stream().map(MarginRow::key).max(String::compareTo).orElse(null);
        for (MarginRow row : trend) {
            String[] pair = byCurrency.computeIfAbsent(row.currency(), k -> new String[] { "0", "0" });
            pair[row.key().equals(thisMonth) ? 0 : 1] = row.revenue();
        }
        List<Dashboard.MonthOverMonth> out = new ArrayList<>();
        byCurrency.forEach((currency, pair) -> {
            BigDecimal now = new BigDecimal(pair[0]);
            BigDecimal before = new BigDecimal(pair[1]);
            out.add(new Dashboard.MonthOverMonth(currency, pair[0], pair[1], before.signum() == 0 ? null
                    : now.subtract(before).multiply(BigDecimal.valueOf(100)).divide(before, 2, RoundingMode.HALF_UP)
                            .toPlainString()));
        });
        return out;
    }

    private static List<Dashboard.SourceRevenue> sources(List<CommitFacts.LastReading> readings) {
        Map<List<String>, BigDecimal> sums = new TreeMap<>(java.util.Comparator.comparing((List<String> k) -> k.get(1))
                .thenComparing(k -> k.get(0)));
        readings.forEach(r -> sums.merge(List.of(r.sourceType(), r.currency()), r.revenue(), BigDecimal::add));
        List<Dashboard.SourceRevenue> out = new ArrayList<>();
        sums.forEach((k, v) -> out.add(new Dashboard.SourceRevenue(k.get(0), k.get(1),
                RatingCurrency.of(k.get(1)).round(v).toPlainString())));
        return out;
    }

    private static List<Dashboard.Amount> average(List<CommitFacts.LastReading> readings) {
        Map<String, BigDecimal> sums = new TreeMap<>();
        Map<String, java.util.Set<UUID>> clients = new HashMap<>();
        for (CommitFacts.LastReading r : readings) {
            sums.merge(r.currency(), r.revenue(), BigDecimal::add);
            clients.computeIfAbsent(r.currency(), k -> new java.util.HashSet<>()).add(r.client());
        }
        Map<String, BigDecimal> averages = new TreeMap<>();
        sums.forEach((c, v) -> averages.put(c, v.divide(BigDecimal.valueOf(clients.get(c).size()), 10,
                RoundingMode.HALF_UP)));
        return amounts(averages);
    }

    private static Map<String, Integer> counts(Map<UUID, String> statuses) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String s : List.of("OVER", "UNDER", "MIXED", "ON_COMMIT")) {
            out.put(s, 0);
        }
        statuses.values().forEach(s -> out.merge(s, 1, Integer::sum));
        return out;
    }

    private Dashboard.Health health() {
        Recomputer.Pass pass = recomputer.lastPass();
        Reconciliation latest = reconciliation.latest();
        return new Dashboard.Health(pass == null ? null : pass.finishedAt(), pass == null ? null : pass.clients(),
                latest == null ? null : latest.score());
    }

    private static List<Dashboard.Amount> amounts(Map<String, BigDecimal> sums) {
        List<Dashboard.Amount> out = new ArrayList<>();
        sums.forEach((c, v) -> out.add(new Dashboard.Amount(c, RatingCurrency.of(c).round(v).toPlainString())));
        return out;
    }
}
