package io.meterline.billing.runs;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.meterline.billing.clients.Client;
import io.meterline.billing.invoices.Invoice;
import io.meterline.billing.invoices.InvoiceItem;
import io.meterline.billing.invoices.InvoiceNumbers;
import io.meterline.billing.invoicing.InvoiceLine;
import io.meterline.billing.invoicing.PeriodBill;
import io.meterline.billing.invoicing.PeriodBiller;
import io.meterline.billing.invoicing.PeriodInputs;
import io.meterline.billing.invoicing.Reading;
import io.meterline.billing.lateusage.LateUsageReport;
import io.meterline.billing.periods.BillingPeriod;
import io.meterline.billing.readings.BillingReading;
import io.meterline.contracts.Topics;
import io.meterline.contracts.billing.BillingEvents;
import io.meterline.contracts.billing.InvoiceFinalized;
import io.meterline.platform.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Closes one client's periods in one transaction: with the client's row locked (so two runs never bill it at once),
 * every period still without an invoice gets its readings, its finalized invoice and its outbox event, or nothing
 * does. A period that already has an invoice is left alone, which makes runs idempotent and resumable.
 */
@ApplicationScoped
public class ClientCloser {

    @Inject
    Outbox outbox;

    @Inject
    ObjectMapper json;

    private final io.micrometer.core.instrument.Counter rejected;

    @Inject
    ClientCloser(io.micrometer.core.instrument.MeterRegistry registry) {
        rejected = io.micrometer.core.instrument.Counter.builder("meterline.billing.late_usage.rejected")
                .description("Late usage of REJECT meters found and reported, not billed (client, period, meter)")
                .register(registry);
    }

    /** One period to close, with its inputs made from the credit carried into it. */
    record PeriodWork(BillingPeriod period, Function<BigDecimal, PeriodInputs> inputs) {
    }

    /** Returns how many invoices were made. Call inside a transaction. */
    Uni<Integer> close(UUID runId, UUID clientId, List<PeriodWork> work, List<LateUsageReport> reports,
            Instant issuedAt) {
        if (work.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        // One read, under the client's lock: which periods have invoices, and the credit the latest one carries.
        return Client.<Client> findById(clientId, LockModeType.PESSIMISTIC_WRITE)
                .chain(client -> Invoice.<Invoice> list("clientId = ?1 order by periodStart desc", clientId)
                        .chain(existing -> {
                            Set<Instant> done = existing.stream().map(i -> i.periodStart).collect(Collectors.toSet());
                            List<PeriodWork> open = work.stream().filter(w -> !done.contains(w.period().start()))
                                    .toList();
                            if (open.isEmpty()) {
                                return Uni.createFrom().item(0);
                            }
                            BigDecimal credit = existing.isEmpty() ? BigDecimal.ZERO : existing.get(0).creditCarried;
                            return closeInOrder(runId, client, open, issuedAt, credit)
                                    .call(() -> report(reports))
                                    .call(written -> numberAndAnnounce(client, written, issuedAt))
                                    .replaceWith(open.size());
                        }));
    }

    /** Late usage of REJECT meters: one row per client, period and meter, kept current. */
    private Uni<Void> report(List<LateUsageReport> reports) {
        if (reports.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(session -> io.smallrye.mutiny.Multi.createFrom().iterable(reports)
                .onItem().transformToUniAndConcatenate(report -> session.merge(report)).collect().asList())
                .invoke(merged -> rejected.increment(merged.size())).replaceWithVoid();
    }

    /** An invoice written but not yet numbered, with the bill behind it. */
    private record Written(Invoice invoice, PeriodBill bill) {
    }

    private Uni<List<Written>> closeInOrder(UUID runId, Client client, List<PeriodWork> open, Instant issuedAt,
            BigDecimal credit) {
        List<Written> written = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        BigDecimal carried = credit;
        for (PeriodWork work : open) {
            PeriodBill bill = PeriodBiller.bill(work.inputs().apply(carried));
            carried = bill.creditCarriedForward();
            chain = chain.chain(() -> write(runId, client, work.period(), bill, issuedAt)
                    .invoke(invoice -> written.add(new Written(invoice, bill))).replaceWithVoid());
        }
        return chain.replaceWith(written);
    }

    /**
     * Numbers the invoices, oldest period first, and announces them. This comes last in the client's transaction,
     * after everything else is flushed: the per-currency counter is locked from here to the commit, so the shorter
     * this stretch, the more clients close at once.
     */
    private Uni<Void> numberAndAnnounce(Client client, List<Written> written, Instant issuedAt) {
        Uni<Void> chain = Panache.flush();
        for (Written w : written) {
            chain = chain.chain(() -> InvoiceNumbers.next(client.currency, issuedAt)).invoke(number ->
                    w.invoice().number = number)
                    .chain(() -> Panache.getSession()).chain(session -> outbox.add(session, Topics.BILLING_EVENTS,
                            BillingEvents.clientKey(client.id), BillingEvents.INVOICE_FINALIZED, client.externalId,
                            finalized(w.invoice(), client, w.bill())))
                    .replaceWithVoid();
        }
        return chain;
    }

    private Uni<Invoice> write(UUID runId, Client client, BillingPeriod period, PeriodBill bill, Instant issuedAt) {
        Invoice invoice = new Invoice();
        invoice.id = UUID.randomUUID();
        invoice.number = "DRAFT-" + invoice.id; // numbered in numberAndAnnounce, before the commit
        invoice.clientId = client.id;
        invoice.periodStart = period.start();
        invoice.periodEnd = period.end();
        invoice.currency = client.currency;
        invoice.status = Invoice.Status.FINALIZED;
        invoice.total = bill.total();
        invoice.creditCarried = bill.creditCarriedForward();
        invoice.issuedAt = issuedAt;
        invoice.dueAt = issuedAt.plus(Duration.ofDays(client.paymentTermsDays));
        invoice.billingRunId = runId;
        invoice.stripeStatus = client.stripeCustomerId == null ? null : Invoice.StripeStatus.PENDING;
        List<InvoiceItem> items = new ArrayList<>();
        for (int i = 0; i < bill.lines().size(); i++) {
            items.add(item(invoice.id, i, bill.lines().get(i)));
        }
        List<BillingReading> readings = bill.readings().stream().map(r -> reading(invoice, r)).toList();
        return invoice.persist().chain(() -> InvoiceItem.persist(items))
                .chain(() -> BillingReading.persist(readings)).replaceWith(invoice);
    }

    private InvoiceItem item(UUID invoiceId, int position, InvoiceLine line) {
        InvoiceItem item = new InvoiceItem();
        item.invoiceId = invoiceId;
        item.position = position;
        item.kind = line.kind();
        item.description = line.description();
        item.quantity = line.quantity();
        item.unitPrice = line.unitPrice();
        item.amount = line.amount();
        item.bucketId = line.bucketId();
        item.chargeKey = line.chargeKey();
        item.dimensions = line.dimensions() == null || line.dimensions().isEmpty() ? null : text(line.dimensions());
        item.correctsPeriod = line.correctsPeriod();
        return item;
    }

    private BillingReading reading(Invoice invoice, Reading r) {
        BillingReading reading = new BillingReading();
        reading.id = UUID.randomUUID();
        reading.invoiceId = invoice.id;
        reading.clientId = invoice.clientId;
        reading.periodStart = invoice.periodStart;
        reading.periodEnd = invoice.periodEnd;
        reading.currency = invoice.currency;
        reading.bucketId = r.bucketId();
        reading.unitTypeId = r.unitTypeId();
        reading.sourceType = r.sourceType();
        reading.chargeKey = r.chargeKey();
        reading.meter = r.meter();
        reading.dimensions = text(r.dimensions());
        reading.usage = r.usage();
        reading.commitUnits = r.commitUnits();
        reading.overageUnits = r.overageUnits();
        reading.overageAmount = r.overageAmount();
        reading.bufferUnits = r.bufferUnits();
        reading.bufferAmount = r.bufferAmount();
        reading.baseAmount = r.baseAmount();
        reading.billedAmount = r.billedAmount();
        reading.cost = r.cost();
        reading.uncostedUsage = r.uncostedUsage();
        reading.finalized = true;
        return reading;
    }

    private InvoiceFinalized finalized(Invoice invoice, Client client, PeriodBill bill) {
        return new InvoiceFinalized(InvoiceFinalized.SCHEMA_VERSION, invoice.id, invoice.number, client.id,
                client.externalId, invoice.periodStart, invoice.periodEnd, invoice.currency, invoice.total,
                invoice.issuedAt, invoice.dueAt, bill.readings().stream().map(r -> new InvoiceFinalized.ReadingSummary(
                        r.bucketId(), r.unitTypeId(), r.sourceType(), r.chargeKey(), r.meter(), r.dimensions(),
                        r.usage(), r.commitUnits(), r.overageUnits(), r.overageAmount(), r.bufferUnits(),
                        r.bufferAmount(), r.billedAmount(), r.cost())).toList());
    }

    private String text(Map<String, String> dimensions) {
        try {
            return json.writeValueAsString(new java.util.TreeMap<>(dimensions));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
