package io.meterline.projection.analytics;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.meterline.platform.paging.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Revenue and metered cost per group and currency for a range, summed in the database (hand-written SQL: the
 * analytics endpoints' p95 is benchmarked over 12 months × 1,000 clients). The definitions (docs/projections.md):
 * <ul>
 * <li>closed periods: each finalized, not void invoice whose period starts in the range; a reading's billed amount
 * and cost, with the invoice's plan-level discounts spread over its readings ({@code DiscountSpread}: each reading's
 * revenue, and each invoice's sums, are stored when the invoice is recorded);</li>
 * <li>late-usage adjustments count in the period they correct (by that period's start), on the meter of the bucket
 * or charge they correct (and its source type);</li>
 * <li>the open period (a client's projection, unless its period is already invoiced): each line's projected
 * billing and metered cost, with the period's projected plan-level discounts spread the same way.</li>
 * </ul>
 */
@ApplicationScoped
public class MarginFacts {

    /**
     * How rows are grouped; the SQL expression is over a row's client_id, period_start, meter, source_type and
     * dimension_set. Grouped by the column's own type (a uuid hashes faster than its text) and shown as text. A
     * grouping that needs no line's detail reads a row per period (an invoice's, a projection's totals), five or more
     * times fewer than a row per line.
     */
    public enum GroupBy {
        CLIENT("f.client_id", true),
        METER("f.meter", false),
        SOURCE_TYPE("coalesce(f.source_type, '(none)')", false),
        DIMENSION("coalesce(f.dimension_set ->> $3::text, '(none)')", false),
        /** The UTC month a period starts in, YYYY-MM (the trend). */
        MONTH("to_char(f.period_start AT TIME ZONE 'UTC', 'YYYY-MM')", true),
        NONE("''", true);

        final String key;
        final boolean perPeriod;

        GroupBy(String key, boolean perPeriod) {
            this.key = key;
            this.perPeriod = perPeriod;
        }
    }

    /** The open lines: %2$s filters a projection line (alias p) to some clients, or not. */
    private static final String OPEN_LINES = """
            SELECT p.client_id, p.currency, p.period_start, p.meter, p.source_type, p.dimension_set, p.projected_usage,
                   p.projected_metered_cost, p.projected_revenue
            FROM projection p
            WHERE p.period_start >= $1 AND p.period_start < $2 %2$s
              AND NOT EXISTS (SELECT 1 FROM closed_invoice ci WHERE ci.client_id = p.client_id
                              AND ci.period_start = p.period_start AND ci.voided_at IS NULL)
            """;

    /**
     * A row per reading, adjustment and open line. %1$s filters a closed invoice (alias ci), %2$s a projection line
     * (alias p) to some clients, or not.
     */
    private static final String PER_LINE = """
            SELECT ci.client_id, ci.currency, ci.period_start, r.meter, r.source_type, r.dimension_set, r.usage,
                   r.cost, r.revenue
            FROM closed_invoice ci JOIN closed_reading r ON r.invoice_id = ci.id
            WHERE ci.voided_at IS NULL AND ci.period_start >= $1 AND ci.period_start < $2 %1$s
            UNION ALL
            SELECT ci.client_id, ci.currency, l.corrects_period, coalesce(l.meter, '(unattributed)'), l.source_type,
                   '{}'::jsonb, 0, 0, l.amount
            FROM closed_line l JOIN closed_invoice ci ON ci.id = l.invoice_id
            WHERE ci.voided_at IS NULL AND l.kind = 'ADJUSTMENT'
              AND l.corrects_period >= $1 AND l.corrects_period < $2 %1$s
            UNION ALL
            """ + OPEN_LINES;

    /**
     * Every client's closed periods by line from their sums across clients (closed_rollup: a row per period, meter,
     * source type and dimension set, not per client), then the open lines: for groupings without the client. %1$s
     * only names $4 (no client is wanted).
     */
    private static final String PER_LINE_ALL_CLIENTS = """
            SELECT NULL::uuid AS client_id, cr.currency, cr.period_start, cr.meter,
                   nullif(cr.source_type, '') AS source_type, cr.dimension_set, cr.usage, cr.cost, cr.revenue
            FROM closed_rollup cr
            WHERE cr.period_start >= $1 AND cr.period_start < $2 %1$s
            UNION ALL
            """ + OPEN_LINES;

    /** A row per closed invoice, adjustment and open period: the same sums, without the lines' detail. */
    private static final String PER_PERIOD = """
            SELECT ci.client_id, ci.currency, ci.period_start, ci.revenue, ci.cost, 0::numeric AS usage
            FROM closed_invoice ci
            WHERE ci.voided_at IS NULL AND ci.period_start >= $1 AND ci.period_start < $2 %1$s
            UNION ALL
            SELECT ci.client_id, ci.currency, l.corrects_period, l.amount, 0, 0
            FROM closed_line l JOIN closed_invoice ci ON ci.id = l.invoice_id
            WHERE ci.voided_at IS NULL AND l.kind = 'ADJUSTMENT'
              AND l.corrects_period >= $1 AND l.corrects_period < $2 %1$s
            UNION ALL
            SELECT p.client_id, p.currency, p.period_start, p.projected_revenue, p.projected_cost, 0
            FROM projection_total p
            WHERE p.period_start >= $1 AND p.period_start < $2 %2$s
              AND NOT EXISTS (SELECT 1 FROM closed_invoice ci WHERE ci.client_id = p.client_id
                              AND ci.period_start = p.period_start AND ci.voided_at IS NULL)
            """;

    /** %1$s the rows, %2$s the group key, %3$s the meter when each group is split by meter. */
    private static final String SUMS = """
            WITH f AS (%1$s),
            g AS (
                SELECT (%2$s)::text AS key, %3$s AS meter, f.currency, sum(f.revenue) AS revenue, sum(f.cost) AS cost,
                       sum(f.usage) AS usage
                FROM f WHERE $3::text IS NOT NULL GROUP BY %2$s, 2, 3)
            SELECT * FROM (
                (SELECT 0 AS part, key, meter, currency, revenue, cost, usage, 0 AS groups FROM g
                 ORDER BY currency, revenue DESC, key, meter LIMIT $5 OFFSET $6)
                UNION ALL
                SELECT 1, NULL, NULL, currency, sum(revenue), sum(cost), sum(usage), count(*) FROM g GROUP BY currency
            ) page ORDER BY part, currency, revenue DESC, key, meter
            """;

    /** One group's unrounded sums; {@code usage} is in the meter's units (meaningful per meter). */
    public record Sums(String key, String meter, String currency, BigDecimal revenue, BigDecimal cost,
            BigDecimal usage) {
    }

    /**
     * What to sum: a range, grouped one way ({@code perMeter} also splits each group by meter: a per-unit figure needs
     * one unit), {@code dimension} the key for {@link GroupBy#DIMENSION}, {@code clients} only these clients' figures
     * (null: every client's).
     */
    public record Selection(AnalyticsRange range, GroupBy groupBy, boolean perMeter, String dimension,
            List<UUID> clients) {

        /** One client's figures, or every client's when {@code client} is null. */
        public static Selection of(AnalyticsRange range, GroupBy groupBy, boolean perMeter, String dimension,
                UUID client) {
            return new Selection(range, groupBy, perMeter, dimension, client == null ? null : List.of(client));
        }
    }

    /** One page of groups (in currency, then revenue order), each currency's total over all groups, and the count. */
    public record Facts(List<Sums> groups, List<Sums> totals, long count) {
    }

    @Inject
    AnalyticsReads reads;

    /** @param page the page of groups wanted, or null for all of them */
    public Uni<Facts> sums(Selection s, PageRequest page) {
        // Some clients' figures read only their rows (by index); all clients' name $4 only so both forms take the same
        // arguments.
        boolean some = s.clients() != null;
        String form = s.groupBy().perPeriod && !s.perMeter() ? PER_PERIOD
                : some || s.groupBy() == GroupBy.CLIENT ? PER_LINE : PER_LINE_ALL_CLIENTS;
        String source = String.format(form, some ? "AND ci.client_id = ANY ($4::uuid[])" : "AND $4::uuid[] IS NULL",
                some ? "AND p.client_id = ANY ($4::uuid[])" : "");
        String sql = String.format(SUMS, source, s.groupBy().key, s.perMeter() ? "f.meter" : "''");
        Tuple args = Tuple.from(Arrays.asList(s.range().from().atOffset(ZoneOffset.UTC),
                s.range().to().atOffset(ZoneOffset.UTC), s.dimension() == null ? "" : s.dimension(),
                some ? s.clients().toArray(UUID[]::new) : null,
                page == null ? null : (long) page.size(), page == null ? 0L : page.offset()));
        return reads.read(sql, args).map(rows -> {
            List<Sums> groups = new ArrayList<>();
            List<Sums> totals = new ArrayList<>();
            long count = 0;
            for (Row r : rows) {
                Sums sums = new Sums(r.getString(1), r.getString(2), r.getString(3), r.getBigDecimal(4),
                        r.getBigDecimal(5), r.getBigDecimal(6));
                if (r.getInteger(0) == 0) {
                    groups.add(sums);
                } else {
                    totals.add(sums);
                    count += r.getLong(7);
                }
            }
            return new Facts(groups, totals, count);
        });
    }
}
