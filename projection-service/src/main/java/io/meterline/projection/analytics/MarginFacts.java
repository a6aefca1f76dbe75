package io.meterline.projection.analytics;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Revenue and metered cost per group and currency for a range, summed in the database (hand-written SQL: the
 * analytics endpoints' p95 is benchmarked over 12 months × 1,000 clients). The definitions (docs/projections.md):
 * <ul>
 * <li>closed periods: each finalized, not void invoice whose period starts in the range; a reading's billed amount
 * and cost, with the invoice's plan-level discounts spread over its plan-charge readings by billed amount;</li>
 * <li>late-usage adjustments count in the period they correct (by that period's start), on the meter of the bucket
 * or charge they correct (and its source type);</li>
 * <li>the open period (a client's projection, unless its period is already invoiced): each line's projected
 * billing and metered cost, with the period's projected plan-level discounts spread the same way.</li>
 * </ul>
 */
@ApplicationScoped
public class MarginFacts {

    /** How rows are grouped; the SQL expression is over a row's client_id, meter, source_type and dimensions. */
    public enum GroupBy {
        CLIENT("f.client_id::text"),
        METER("f.meter"),
        SOURCE_TYPE("coalesce(f.source_type, '(none)')"),
        DIMENSION("coalesce(f.dimensions::jsonb ->> $3::text, '(none)')"),
        /** The UTC month a period starts in, YYYY-MM (the trend). */
        MONTH("to_char(f.period_start AT TIME ZONE 'UTC', 'YYYY-MM')"),
        NONE("''");

        final String key;

        GroupBy(String key) {
            this.key = key;
        }
    }

    /** One group's unrounded sums; {@code usage} is in the meter's units (meaningful per meter). */
    public record Sums(String key, String meter, String currency, BigDecimal revenue, BigDecimal cost,
            BigDecimal usage) {
    }

    private static final String FACTS = """
            WITH inv AS (
                SELECT id, client_id, currency, period_start FROM closed_invoice
                WHERE voided_at IS NULL AND period_start >= $1 AND period_start < $2),
            plan_discount AS (
                SELECT l.invoice_id, sum(l.amount) AS amount FROM closed_line l JOIN inv ON inv.id = l.invoice_id
                WHERE l.kind = 'DISCOUNT' AND l.charge_key IS NULL GROUP BY l.invoice_id),
            reading AS (
                SELECT inv.client_id, inv.currency, inv.period_start, r.invoice_id, r.meter, r.source_type, r.dimensions, r.usage,
                       r.billed_amount, r.cost, r.charge_key IS NOT NULL AS is_charge,
                       sum(CASE WHEN r.charge_key IS NOT NULL THEN r.billed_amount ELSE 0 END)
                           OVER (PARTITION BY r.invoice_id) AS charge_total
                FROM closed_reading r JOIN inv ON inv.id = r.invoice_id),
            adjustment AS (
                SELECT ci.client_id, ci.currency, l.corrects_period AS period_start, l.amount, l.bucket_id, l.charge_key FROM closed_line l
                JOIN closed_invoice ci ON ci.id = l.invoice_id
                WHERE ci.voided_at IS NULL AND l.kind = 'ADJUSTMENT'
                  AND l.corrects_period >= $1 AND l.corrects_period < $2),
            open_line AS (
                SELECT p.client_id, p.currency, t.period_start, p.meter, p.source_type, p.dimensions, p.projected_usage,
                       p.projected_cost, p.projected_metered_cost, p.charge_key IS NOT NULL AS is_charge,
                       t.projected_revenue - sum(p.projected_cost) OVER (PARTITION BY p.client_id) AS discount,
                       sum(CASE WHEN p.charge_key IS NOT NULL THEN p.projected_cost ELSE 0 END)
                           OVER (PARTITION BY p.client_id) AS charge_total
                FROM projection p JOIN projection_total t ON t.client_id = p.client_id
                WHERE t.period_start >= $1 AND t.period_start < $2
                  AND NOT EXISTS (SELECT 1 FROM closed_invoice ci WHERE ci.client_id = t.client_id
                                  AND ci.period_start = t.period_start AND ci.voided_at IS NULL)),
            f AS (
                SELECT r.client_id, r.currency, r.period_start, r.meter, r.source_type, r.dimensions, r.usage, r.cost,
                       r.billed_amount + CASE WHEN r.is_charge AND r.charge_total <> 0
                           THEN coalesce(d.amount, 0) * r.billed_amount / r.charge_total ELSE 0 END AS revenue
                FROM reading r LEFT JOIN plan_discount d ON d.invoice_id = r.invoice_id
                UNION ALL
                SELECT a.client_id, a.currency, a.period_start, coalesce(src.meter, '(unattributed)'),
                       src.source_type, '{}', 0, 0, a.amount
                FROM adjustment a LEFT JOIN LATERAL (
                    SELECT cr.meter, cr.source_type FROM closed_reading cr
                    JOIN closed_invoice ci ON ci.id = cr.invoice_id
                    WHERE ci.client_id = a.client_id
                      AND (cr.bucket_id = a.bucket_id OR (a.bucket_id IS NULL AND cr.charge_key = a.charge_key))
                    LIMIT 1) src ON true
                UNION ALL
                SELECT o.client_id, o.currency, o.period_start, o.meter, o.source_type, o.dimensions, o.projected_usage,
                       o.projected_metered_cost,
                       o.projected_cost + CASE WHEN o.is_charge AND o.charge_total <> 0
                           THEN o.discount * o.projected_cost / o.charge_total ELSE 0 END
                FROM open_line o)
            SELECT %s AS key, %s AS meter, f.currency, sum(f.revenue), sum(f.cost), sum(f.usage)
            FROM f %s GROUP BY 1, 2, 3 ORDER BY 3, 4 DESC, 1, 2
            """;

    @Inject
    Pool pool;

    /**
     * @param dimension the dimension key, for {@link GroupBy#DIMENSION}
     * @param client only this client's figures, or all when null
     */
    public Uni<List<Sums>> sums(AnalyticsRange range, GroupBy groupBy, String dimension, java.util.UUID client) {
        return sums(range, groupBy, false, dimension, client);
    }

    /** @param perMeter also split each group by meter (unit economics: a per-unit figure needs one unit) */
    public Uni<List<Sums>> sums(AnalyticsRange range, GroupBy groupBy, boolean perMeter, String dimension,
            java.util.UUID client) {
        String sql = String.format(FACTS, groupBy.key, perMeter ? "f.meter" : "''",
                "WHERE ($4::uuid IS NULL OR f.client_id = $4::uuid) AND $3::text IS NOT NULL");
        Tuple args = Tuple.of(range.from().atOffset(ZoneOffset.UTC), range.to().atOffset(ZoneOffset.UTC),
                dimension == null ? "" : dimension, client);
        return pool.preparedQuery(sql).execute(args).map(rows -> {
            List<Sums> out = new ArrayList<>();
            for (Row r : rows) {
                out.add(new Sums(r.getString(0), r.getString(1), r.getString(2), r.getBigDecimal(3),
                        r.getBigDecimal(4), r.getBigDecimal(5)));
            }
            return out;
        });
    }
}
