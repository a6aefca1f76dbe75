package io.meterline.projection.state;

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

    public Uni<Void> record(SqlClient tx, InvoiceFinalized invoice) {
        return tx.preparedQuery("INSERT INTO closed_invoice (id, number, client_id, external_id, currency, "
                + "period_start, period_end, total, issued_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
                + "ON CONFLICT (id) DO NOTHING")
                .execute(Tuple.from(List.of(invoice.id(), invoice.number(), invoice.client(),
                        invoice.clientExternalId(), invoice.currency(), utc(invoice.periodStart()),
                        utc(invoice.periodEnd()), invoice.total(), utc(invoice.issuedAt()))))
                .chain(inserted -> inserted.rowCount() == 0 ? Uni.createFrom().voidItem()
                        : readings(tx, invoice).chain(() -> lines(tx, invoice)));
    }

    public Uni<Void> voided(SqlClient tx, InvoiceVoided voided) {
        return tx.preparedQuery("UPDATE closed_invoice SET voided_at = $2 WHERE id = $1")
                .execute(Tuple.of(voided.id(), utc(voided.voidedAt()))).replaceWithVoid();
    }

    private Uni<Void> readings(SqlClient tx, InvoiceFinalized invoice) {
        List<Tuple> rows = new ArrayList<>();
        for (int i = 0; i < invoice.readings().size(); i++) {
            InvoiceFinalized.ReadingSummary r = invoice.readings().get(i);
            rows.add(Tuple.from(java.util.Arrays.asList(invoice.id(), i, r.bucket(), r.unitType(), r.sourceType(),
                    r.chargeKey(), r.meter(), DimensionSets.canonical(r.dimensions()), r.usage(), r.commitUnits(),
                    r.overageUnits(), r.overageAmount(), r.bufferUnits(), r.bufferAmount(), r.billedAmount(),
                    r.cost())));
        }
        return rows.isEmpty() ? Uni.createFrom().voidItem()
                : tx.preparedQuery("INSERT INTO closed_reading (invoice_id, position, bucket_id, unit_type_id, "
                        + "source_type, charge_key, meter, dimensions, usage, commit_units, overage_units, "
                        + "overage_amount, buffer_units, buffer_amount, billed_amount, cost) VALUES ($1, $2, $3, $4, "
                        + "$5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)").executeBatch(rows)
                        .replaceWithVoid();
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
