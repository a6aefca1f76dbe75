package io.meterline.projection.state;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.meterline.contracts.billing.InvoiceFinalized;
import io.meterline.contracts.billing.InvoiceVoided;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Billing's closed periods, as its finalized invoices announce them: the invoice, its readings and the lines that
 * are not a reading's own amount (plan-level discounts, late-usage adjustments, credits). Rows shaped for the
 * margin and over/under queries, which read them with hand-written SQL.
 */
@ApplicationScoped
public class ClosedPeriods {

    /** The line kinds a reading's billed amount already holds. */
    private static final List<String> IN_READINGS = List.of("BASE", "OVERAGE", "CHARGE", "MINIMUM");

    /**
     * The invoice with its sums (revenue, metered cost, and its buckets' overage and buffer: what the figures by client
     * and by month read), then its readings and other lines.
     */
    public Uni<Void> record(SqlClient tx, InvoiceFinalized invoice) {
        List<BigDecimal> revenues = DiscountSpread.revenues(invoice.readings().stream()
                .map(r -> new DiscountSpread.Line(r.billedAmount(), r.chargeKey() != null)).toList(),
                planDiscount(invoice));
        List<InvoiceFinalized.ReadingSummary> buckets = invoice.readings().stream().filter(r -> r.bucket() != null)
                .toList();
        return tx.preparedQuery("INSERT INTO closed_invoice (id, number, client_id, external_id, currency, "
                + "period_start, period_end, total, issued_at, revenue, cost, overage_amount, buffer_amount) VALUES "
                + "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (id) DO NOTHING")
                .execute(Tuple.from(List.of(invoice.id(), invoice.number(), invoice.client(),
                        invoice.clientExternalId(), invoice.currency(), utc(invoice.periodStart()),
                        utc(invoice.periodEnd()), invoice.total(), utc(invoice.issuedAt()), sum(revenues),
                        sum(invoice.readings().stream().map(InvoiceFinalized.ReadingSummary::cost).toList()),
                        sum(buckets.stream().map(InvoiceFinalized.ReadingSummary::overageAmount).toList()),
                        sum(buckets.stream().map(InvoiceFinalized.ReadingSummary::bufferAmount).toList()))))
                .chain(inserted -> inserted.rowCount() == 0 ? Uni.createFrom().voidItem()
                        : readings(tx, invoice, revenues).chain(() -> lines(tx, invoice))
                                .chain(() -> attributeAdjustments(tx, invoice))
                                .chain(() -> rollUp(tx, invoice.id(), 1))
                                .chain(() -> flagLatest(tx, invoice.client())));
    }

    /** A void invoice leaves every figure, once: a repeated void changes nothing. */
    public Uni<Void> voided(SqlClient tx, InvoiceVoided voided) {
        return tx.preparedQuery("UPDATE closed_invoice SET voided_at = $2 WHERE id = $1 AND voided_at IS NULL "
                + "RETURNING client_id").execute(Tuple.of(voided.id(), utc(voided.voidedAt())))
                .chain(updated -> updated.rowCount() == 0 ? Uni.createFrom().voidItem()
                        : rollUp(tx, voided.id(), -1).chain(() -> tx.query(
                                "DELETE FROM closed_rollup WHERE readings = 0").execute().replaceWithVoid())
                                .chain(() -> flagLatest(tx, updated.iterator().next().getUUID(0))));
    }

    /**
     * Flags the client's most recent closed period that is not void (what "last period" means) and clears the flag
     * on its others: an invoice for an earlier period can arrive late, and voiding the latest makes the one before it
     * the latest again.
     */
    private Uni<Void> flagLatest(SqlClient tx, java.util.UUID client) {
        return tx.preparedQuery("""
                UPDATE closed_invoice ci SET latest = (ci.id IS NOT DISTINCT FROM last.id)
                FROM (SELECT (SELECT id FROM closed_invoice WHERE client_id = $1 AND voided_at IS NULL
                              ORDER BY period_start DESC, issued_at DESC, id LIMIT 1) AS id) last
                WHERE ci.client_id = $1 AND ci.latest <> (ci.id IS NOT DISTINCT FROM last.id)
                """).execute(Tuple.of(client)).replaceWithVoid();
    }

    /**
     * Adds ({@code sign} 1) or takes away (-1) an invoice's readings and adjustments in the sums across clients that
     * margin by meter, dimension or source type reads. Rows are locked in key order, so two invoices rolled up at once
     * never deadlock.
     */
    private Uni<Void> rollUp(SqlClient tx, java.util.UUID invoice, int sign) {
        return tx.preparedQuery("""
                INSERT INTO closed_rollup (period_start, currency, meter, source_type, dimensions, readings, usage,
                                           cost, revenue)
                SELECT period_start, currency, meter, source_type, dimensions, $2 * count(*), $2 * sum(usage),
                       $2 * sum(cost), $2 * sum(revenue) FROM (
                    SELECT ci.period_start, ci.currency, r.meter, coalesce(r.source_type, '') AS source_type,
                           r.dimensions, r.usage, r.cost, r.revenue
                    FROM closed_invoice ci JOIN closed_reading r ON r.invoice_id = ci.id WHERE ci.id = $1
                    UNION ALL
                    SELECT l.corrects_period, ci.currency, coalesce(l.meter, '(unattributed)'),
                           coalesce(l.source_type, ''), '{}', 0, 0, l.amount
                    FROM closed_invoice ci JOIN closed_line l ON l.invoice_id = ci.id
                    WHERE ci.id = $1 AND l.kind = 'ADJUSTMENT') x
                GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
                ON CONFLICT (period_start, currency, meter, source_type, dimensions) DO UPDATE
                SET readings = closed_rollup.readings + excluded.readings, usage = closed_rollup.usage + excluded.usage,
                    cost = closed_rollup.cost + excluded.cost, revenue = closed_rollup.revenue + excluded.revenue
                """).execute(Tuple.of(invoice, sign)).replaceWithVoid();
    }

    /** Each reading with its revenue: its billed amount and its share of the invoice's plan-level discounts. */
    private Uni<Void> readings(SqlClient tx, InvoiceFinalized invoice, List<BigDecimal> revenues) {
        List<Tuple> rows = new ArrayList<>();
        for (int i = 0; i < invoice.readings().size(); i++) {
            InvoiceFinalized.ReadingSummary r = invoice.readings().get(i);
            rows.add(Tuple.from(java.util.Arrays.asList(invoice.id(), i, r.bucket(), r.unitType(), r.sourceType(),
                    r.chargeKey(), r.meter(), DimensionSets.canonical(r.dimensions()), r.usage(), r.commitUnits(),
                    r.overageUnits(), r.overageAmount(), r.bufferUnits(), r.bufferAmount(), r.billedAmount(),
                    r.cost(), revenues.get(i))));
        }
        return rows.isEmpty() ? Uni.createFrom().voidItem()
                : tx.preparedQuery("INSERT INTO closed_reading (invoice_id, position, bucket_id, unit_type_id, "
                        + "source_type, charge_key, meter, dimensions, usage, commit_units, overage_units, "
                        + "overage_amount, buffer_units, buffer_amount, billed_amount, cost, revenue) VALUES ($1, $2, "
                        + "$3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)").executeBatch(rows)
                        .replaceWithVoid();
    }

    /** Null counts as nothing (a bucket within its commit has no overage amount). */
    private static BigDecimal sum(List<BigDecimal> amounts) {
        return amounts.stream().filter(java.util.Objects::nonNull).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** The invoice's discounts that are the plan's, not one charge's (a charge's own discount is in its reading). */
    static BigDecimal planDiscount(InvoiceFinalized invoice) {
        return invoice.lines().stream().filter(l -> "DISCOUNT".equals(l.kind()) && l.chargeKey() == null)
                .map(InvoiceFinalized.LineSummary::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /**
     * A late-usage adjustment counts on the meter and source type of what it corrects: the bucket's, or the charge's,
     * reading in the period it corrects (or, when that invoice is not here, in the client's latest one). Looked up once
     * here, so the margin queries join nothing per adjustment.
     */
    private Uni<Void> attributeAdjustments(SqlClient tx, InvoiceFinalized invoice) {
        if (invoice.lines().stream().noneMatch(l -> "ADJUSTMENT".equals(l.kind()))) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("""
                UPDATE closed_line l SET (meter, source_type) = (
                    SELECT cr.meter, cr.source_type FROM closed_invoice ci
                    JOIN closed_reading cr ON cr.invoice_id = ci.id
                    WHERE ci.client_id = $2
                      AND (cr.bucket_id = l.bucket_id OR (l.bucket_id IS NULL AND cr.charge_key = l.charge_key))
                    ORDER BY ci.period_start = l.corrects_period DESC, ci.period_start DESC, cr.position LIMIT 1)
                WHERE l.invoice_id = $1 AND l.kind = 'ADJUSTMENT'
                """).execute(Tuple.of(invoice.id(), invoice.client())).replaceWithVoid();
    }

    private Uni<Void> lines(SqlClient tx, InvoiceFinalized invoice) {
        List<Tuple> rows = new ArrayList<>();
        for (int i = 0; i < invoice.lines().size(); i++) {
            InvoiceFinalized.LineSummary l = invoice.lines().get(i);
            if (!IN_READINGS.contains(l.kind())) {
                rows.add(Tuple.from(java.util.Arrays.asList(invoice.id(), i, l.kind(), l.amount(), l.bucket(),
                        l.chargeKey(), utc(l.correctsPeriod()))));
            }
        }
        return rows.isEmpty() ? Uni.createFrom().voidItem()
                : tx.preparedQuery("INSERT INTO closed_line (invoice_id, position, kind, amount, bucket_id, "
                        + "charge_key, corrects_period) VALUES ($1, $2, $3, $4, $5, $6, $7)").executeBatch(rows)
                        .replaceWithVoid();
    }

    private static java.time.OffsetDateTime utc(java.time.Instant instant) {
        return instant == null ? null : instant.atOffset(java.time.ZoneOffset.UTC);
    }
}
