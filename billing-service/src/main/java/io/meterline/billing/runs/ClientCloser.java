package io.meterline.billing.runs;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.meterline.billing.lateusage.LateUsageReport;
import io.meterline.billing.readings.StoredDimensions;
import io.meterline.contracts.Topics;
import io.meterline.contracts.billing.BillingEvents;
import io.meterline.contracts.billing.InvoiceFinalized;
import io.meterline.platform.db.UnnestColumns;
import io.meterline.platform.outbox.Outbox;
import io.meterline.rating.invoicing.InvoiceLine;
import io.meterline.rating.invoicing.PeriodBill;
import io.meterline.rating.invoicing.PeriodBiller;
import io.meterline.rating.invoicing.PeriodInputs;
import io.meterline.rating.invoicing.Reading;
import io.meterline.rating.periods.BillingPeriod;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Closes one client's periods in one transaction: with the client's row locked (so two runs never bill it at once),
 * every period still without an invoice gets its readings, its finalized invoice and its outbox event, or nothing
 * does. A period that already has an invoice is left alone, which makes runs idempotent and resumable.
 *
 * <p>Hand-written SQL on the reactive client: a run closes thousands of clients, and the benchmark
 * ({@code ./meterline bench billing}, docs/benchmarks.md) measured the entity route at about 5 ms of CPU per client,
 * mostly in the per-entity persistence machinery. Here a client is a handful of set-based statements: the lines and
 * readings of all its invoices go in one statement each.
 */
@ApplicationScoped
public class ClientCloser {

    @Inject
    Pool pool;

    @Inject
    Outbox outbox;

    @Inject
    java.time.Clock clock;

    private final Counter rejected;

    @Inject
    ClientCloser(MeterRegistry registry) {
        rejected = Counter.builder("meterline.billing.late_usage.rejected")
                .description("Late usage of REJECT meters found and reported, not billed (client, period, meter)")
                .register(registry);
    }

    /** One period to close, with its inputs made from the credit carried into it. */
    record PeriodWork(BillingPeriod period, Function<BigDecimal, PeriodInputs> inputs) {
    }

    /** What the client's transaction needs to know of the client; it is read again under the lock. */
    private record Locked(UUID id, String externalId, String currency, int paymentTermsDays, boolean stripe) {
    }

    /** An invoice written but not yet numbered, with the bill behind it. */
    private record Written(UUID id, BillingPeriod period, PeriodBill bill) {
    }

    /** Closes the client and records its progress in the run, in one transaction; returns the invoices made. */
    Uni<Integer> close(UUID runId, UUID clientId, List<PeriodWork> work, List<LateUsageReport> reports,
            Instant issuedAt) {
        return pool.withTransaction(tx -> lock(tx, clientId).chain(client -> existing(tx, clientId).chain(done -> {
            List<PeriodWork> open = work.stream().filter(w -> !done.periods().contains(w.period().start())).toList();
            List<Written> written = new ArrayList<>();
            BigDecimal credit = done.credit();
            for (PeriodWork w : open) {
                PeriodBill bill = PeriodBiller.bill(w.inputs().apply(credit));
                credit = bill.creditCarriedForward();
                written.add(new Written(UUID.randomUUID(), w.period(), bill));
            }
            Uni<Void> writing = written.isEmpty() ? Uni.createFrom().voidItem()
                    : insertInvoices(tx, runId, client, written, issuedAt)
                            .chain(() -> insertLines(tx, written))
                            .chain(() -> insertReadings(tx, client, written))
                            .chain(() -> report(tx, reports))
                            .chain(() -> numberAndAnnounce(tx, client, written, issuedAt));
            return writing.chain(() -> tx.preparedQuery(RunProgress.DONE).execute(Tuple.of(runId, clientId,
                    written.size(), at(clock.instant())))).replaceWith(written.size());
        })));
    }

    private static Uni<Locked> lock(SqlConnection tx, UUID clientId) {
        return tx.preparedQuery("SELECT id, external_id, currency, payment_terms_days, stripe_customer_id FROM client "
                + "WHERE id = $1 FOR UPDATE").execute(Tuple.of(clientId)).map(rows -> {
                    Row row = rows.iterator().next();
                    return new Locked(row.getUUID(0), row.getString(1), row.getString(2), row.getInteger(3),
                            row.getString(4) != null);
                });
    }

    private record Done(Set<Instant> periods, BigDecimal credit) {
    }

    /** Which periods already have invoices, and the credit the latest one carries. */
    private static Uni<Done> existing(SqlConnection tx, UUID clientId) {
        return tx.preparedQuery("SELECT period_start, credit_carried FROM invoice WHERE client_id = $1 "
                + "ORDER BY period_start DESC").execute(Tuple.of(clientId)).map(rows -> {
                    Set<Instant> periods = new HashSet<>();
                    BigDecimal credit = null;
                    for (Row row : rows) {
                        periods.add(row.getOffsetDateTime(0).toInstant());
                        credit = credit == null ? row.getBigDecimal(1) : credit;
                    }
                    return new Done(periods, credit == null ? BigDecimal.ZERO : credit);
                });
    }

    private Uni<Void> insertInvoices(SqlConnection tx, UUID runId, Locked client, List<Written> written,
            Instant issuedAt) {
        List<Tuple> rows = new ArrayList<>();
        for (Written w : written) {
            rows.add(Tuple.tuple(List.of(w.id(), "DRAFT-" + w.id(), client.id(), at(w.period().start()),
                    at(w.period().end()), client.currency(), w.bill().total(), w.bill().creditCarriedForward(),
                    at(issuedAt), at(issuedAt.plus(Duration.ofDays(client.paymentTermsDays()))), runId))
                    .addValue(client.stripe() ? "PENDING" : null));
        }
        // The number is given last (numberAndAnnounce), so the per-currency counter stays locked briefly.
        return tx.preparedQuery("INSERT INTO invoice (id, number, client_id, period_start, period_end, currency, "
                + "status, total, credit_carried, issued_at, due_at, billing_run_id, stripe_status, version) VALUES "
                + "($1, $2, $3, $4, $5, $6, 'FINALIZED', $7, $8, $9, $10, $11, $12, 0)").executeBatch(rows)
                .replaceWithVoid();
    }

    private Uni<Void> insertLines(SqlConnection tx, List<Written> written) {
        UnnestColumns c = new UnnestColumns(11);
        for (Written w : written) {
            List<InvoiceLine> lines = w.bill().lines();
            for (int i = 0; i < lines.size(); i++) {
                InvoiceLine line = lines.get(i);
                c.add(w.id(), i, line.kind().name(), line.description(), decimal(line.quantity()),
                        decimal(line.unitPrice()), decimal(line.amount()), line.bucketId(), line.chargeKey(),
                        line.dimensions() == null || line.dimensions().isEmpty() ? null : StoredDimensions.write(line.dimensions()),
                        line.correctsPeriod() == null ? null : line.correctsPeriod().toString());
            }
        }
        if (c.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("INSERT INTO invoice_line (invoice_id, position, kind, description, quantity, "
                + "unit_price, amount, bucket_id, charge_key, dimensions, corrects_period) SELECT * FROM unnest("
                + "$1::text[]::uuid[], $2::text[]::int[], $3::text[], $4::text[], $5::text[]::numeric[], $6::text[]::numeric[], $7::text[]::numeric[], "
                + "$8::text[]::uuid[], $9::text[], $10::text[], $11::text[]::timestamptz[])").execute(c.tuple()).replaceWithVoid();
    }

    private Uni<Void> insertReadings(SqlConnection tx, Locked client, List<Written> written) {
        UnnestColumns c = new UnnestColumns(22);
        for (Written w : written) {
            for (Reading r : w.bill().readings()) {
                c.add(UUID.randomUUID(), w.id(), client.id(), w.period().start().toString(),
                        w.period().end().toString(), client.currency(), r.bucketId(), r.unitTypeId(), r.sourceType(),
                        r.chargeKey(), r.meter(), StoredDimensions.write(r.dimensions()), decimal(r.usage()), decimal(r.commitUnits()),
                        decimal(r.overageUnits()), decimal(r.overageAmount()), decimal(r.bufferUnits()),
                        decimal(r.bufferAmount()), decimal(r.baseAmount()), decimal(r.billedAmount()),
                        decimal(r.cost()), decimal(r.uncostedUsage()));
            }
        }
        if (c.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // Every array goes in as text[] and is cast here, so the client never has to guess a parameter's type.
        return tx.preparedQuery("INSERT INTO billing_reading (id, invoice_id, client_id, period_start, period_end, "
                + "currency, bucket_id, unit_type_id, source_type, charge_key, meter, dimensions, usage, commit_units, "
                + "overage_units, overage_amount, buffer_units, buffer_amount, base_amount, billed_amount, cost, "
                + "uncosted_usage, finalized) SELECT *, true FROM unnest("
                + "$1::text[]::uuid[], $2::text[]::uuid[], $3::text[]::uuid[], "
                + "$4::text[]::timestamptz[], $5::text[]::timestamptz[], $6::text[], "
                + "$7::text[]::uuid[], $8::text[]::uuid[], $9::text[], $10::text[], "
                + "$11::text[], $12::text[], $13::text[]::numeric[], "
                + "$14::text[]::numeric[], $15::text[]::numeric[], "
                + "$16::text[]::numeric[], $17::text[]::numeric[], "
                + "$18::text[]::numeric[], $19::text[]::numeric[], "
                + "$20::text[]::numeric[], $21::text[]::numeric[], "
                + "$22::text[]::numeric[])")
                .execute(c.tuple()).replaceWithVoid();
    }

    /** Late usage of REJECT meters: one row per client, period and meter, kept current. */
    private Uni<Void> report(SqlConnection tx, List<LateUsageReport> reports) {
        if (reports.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = reports.stream().map(r -> Tuple.tuple(List.of(r.clientId, at(r.periodStart),
                at(r.periodEnd), r.meter, r.billedUsage, r.currentUsage, at(r.detectedAt)))).toList();
        return tx.preparedQuery("INSERT INTO late_usage_report (client_id, period_start, period_end, meter, "
                + "billed_usage, current_usage, detected_at) VALUES ($1, $2, $3, $4, $5, $6, $7) "
                + "ON CONFLICT (client_id, period_start, meter) DO UPDATE SET billed_usage = excluded.billed_usage, "
                + "current_usage = excluded.current_usage, detected_at = excluded.detected_at").executeBatch(rows)
                .invoke(() -> rejected.increment(reports.size())).replaceWithVoid();
    }

    /**
     * Numbers the invoices, oldest period first, and announces them. This comes last in the client's transaction:
     * the per-currency counter row is locked from here to the commit, so the shorter this stretch, the more clients
     * close at once. The numbers are reserved in one statement, so they are gap-free and in period order.
     */
    private Uni<Void> numberAndAnnounce(SqlConnection tx, Locked client, List<Written> written, Instant issuedAt) {
        int year = issuedAt.atOffset(ZoneOffset.UTC).getYear();
        return tx.preparedQuery("INSERT INTO invoice_sequence (currency, year, last) VALUES ($1, $2, $3) ON CONFLICT "
                + "(currency, year) DO UPDATE SET last = invoice_sequence.last + $3 RETURNING last")
                .execute(Tuple.of(client.currency(), year, (long) written.size())).chain(rows -> {
                    long last = rows.iterator().next().getLong(0);
                    String[] ids = new String[written.size()];
                    String[] numbers = new String[written.size()];
                    for (int i = 0; i < written.size(); i++) {
                        ids[i] = written.get(i).id().toString();
                        numbers[i] = String.format("%s-%d-%06d", client.currency(), year,
                                last - written.size() + 1 + i);
                    }
                    Uni<Void> announce = tx.preparedQuery("UPDATE invoice SET number = v.number FROM unnest("
                            + "$1::text[]::uuid[], $2::text[]) AS v(id, number) WHERE invoice.id = v.id")
                            .execute(Tuple.of(ids, numbers)).replaceWithVoid();
                    for (int i = 0; i < written.size(); i++) {
                        Written w = written.get(i);
                        String number = numbers[i];
                        announce = announce.chain(() -> outbox.add(tx, Topics.BILLING_EVENTS,
                                BillingEvents.clientKey(client.id()), BillingEvents.INVOICE_FINALIZED,
                                client.externalId(), finalized(w, number, client, issuedAt)).replaceWithVoid());
                    }
                    return announce;
                });
    }

    private InvoiceFinalized finalized(Written w, String number, Locked client, Instant issuedAt) {
        return new InvoiceFinalized(InvoiceFinalized.SCHEMA_VERSION, w.id(), number, client.id(), client.externalId(),
                w.period().start(), w.period().end(), client.currency(), w.bill().total(), issuedAt,
                issuedAt.plus(Duration.ofDays(client.paymentTermsDays())), w.bill().readings().stream()
                        .map(r -> new InvoiceFinalized.ReadingSummary(r.bucketId(), r.unitTypeId(), r.sourceType(),
                                r.chargeKey(), r.meter(), r.dimensions(), r.usage(), r.commitUnits(),
                                r.overageUnits(), r.overageAmount(), r.bufferUnits(), r.bufferAmount(),
                                r.billedAmount(), r.cost()))
                        .toList(),
                w.bill().lines().stream().map(l -> new InvoiceFinalized.LineSummary(l.kind().name(), l.amount(),
                        l.bucketId(), l.chargeKey(), l.dimensions(), l.correctsPeriod())).toList());
    }

    private static java.time.OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String decimal(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }
}
