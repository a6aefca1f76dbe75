package io.meterline.projection.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Commit figures from billing's bucket readings (hand-written SQL; the over/under and dashboard endpoints are
 * benchmarked): each client's last period's bucket readings, and overage and buffer per month (from each invoice's
 * sums, stored when it was recorded).
 */
@ApplicationScoped
public class CommitFacts {

    /** One bucket reading of a client's most recent closed (not void) period. */
    public record BucketReading(UUID client, String externalId, String currency, Instant periodStart, UUID bucket,
            UUID unitType, String sourceType, BigDecimal usage, BigDecimal commitUnits, BigDecimal overageUnits,
            BigDecimal overageAmount, BigDecimal bufferUnits, BigDecimal bufferAmount, BigDecimal billed) {

        /** What the commit cost: the billed amount less the overage (the prorated base). */
        public BigDecimal committed() {
            return billed.subtract(overageAmount == null ? BigDecimal.ZERO : overageAmount);
        }
    }

    /** Overage and buffer of the periods that start in one UTC month. */
    public record Month(String month, String currency, BigDecimal overage, BigDecimal buffer) {
    }

    /**
     * Every reading of each client's last closed period (bucket and charge readings), for revenue by source: what was
     * billed after the plan's discounts.
     */
    public record LastReading(UUID client, String currency, String sourceType, BigDecimal revenue) {
    }

    /** Each client's last period: the invoice {@code ClosedPeriods} flags (by a partial index). */
    private static final String LAST = """
            WITH last AS (
                SELECT id, client_id, external_id, currency, period_start FROM closed_invoice WHERE latest)
            """;

    @Inject
    Pool pool;

    @Inject
    AnalyticsReads reads;

    public Uni<List<BucketReading>> lastPeriodBuckets() {
        return pool.query(LAST + """
                SELECT l.client_id, l.external_id, l.currency, l.period_start, r.bucket_id, r.unit_type_id,
                       r.source_type, r.usage, r.commit_units, r.overage_units, r.overage_amount, r.buffer_units,
                       r.buffer_amount, r.billed_amount
                FROM last l JOIN closed_reading r ON r.invoice_id = l.id WHERE r.bucket_id IS NOT NULL
                """).execute().map(rows -> {
            List<BucketReading> out = new ArrayList<>();
            for (Row r : rows) {
                out.add(new BucketReading(r.getUUID(0), r.getString(1), r.getString(2),
                        r.getOffsetDateTime(3).toInstant(), r.getUUID(4), r.getUUID(5), r.getString(6),
                        r.getBigDecimal(7), r.getBigDecimal(8), r.getBigDecimal(9), r.getBigDecimal(10),
                        r.getBigDecimal(11), r.getBigDecimal(12), r.getBigDecimal(13)));
            }
            return out;
        });
    }

    public Uni<List<LastReading>> lastPeriodRevenueBySource() {
        return pool.query(LAST + """
                SELECT l.client_id, l.currency, coalesce(r.source_type, '(none)'), sum(r.revenue)
                FROM last l JOIN closed_reading r ON r.invoice_id = l.id
                GROUP BY l.client_id, l.currency, 3
                """).execute().map(rows -> {
            List<LastReading> out = new ArrayList<>();
            for (Row r : rows) {
                out.add(new LastReading(r.getUUID(0), r.getString(1), r.getString(2), r.getBigDecimal(3)));
            }
            return out;
        });
    }

    /** Overage and buffer per month (of period start) from {@code from}, every client's bucket readings. */
    public Uni<List<Month>> months(Instant from, UUID client) {
        return reads.read("""
                SELECT to_char(ci.period_start AT TIME ZONE 'UTC', 'YYYY-MM'), ci.currency,
                       sum(ci.overage_amount), sum(ci.buffer_amount)
                FROM closed_invoice ci
                WHERE ci.voided_at IS NULL AND ci.period_start >= $1 AND ($2::uuid IS NULL OR ci.client_id = $2)
                GROUP BY 1, 2 ORDER BY 1, 2
                """, Tuple.of(from.atOffset(ZoneOffset.UTC), client)).map(rows -> {
            List<Month> out = new ArrayList<>();
            for (Row r : rows) {
                out.add(new Month(r.getString(0), r.getString(1), r.getBigDecimal(2), r.getBigDecimal(3)));
            }
            return out;
        });
    }
}
