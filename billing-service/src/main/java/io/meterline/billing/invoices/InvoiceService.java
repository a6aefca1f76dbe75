package io.meterline.billing.invoices;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.meterline.billing.clients.Client;
import io.meterline.billing.readings.StoredDimensions;
import io.meterline.contracts.Topics;
import io.meterline.contracts.billing.BillingEvents;
import io.meterline.contracts.billing.InvoiceVoided;
import io.meterline.platform.audit.ChangeRecorder;
import io.meterline.platform.paging.Page;
import io.meterline.platform.paging.PageRequest;
import io.meterline.platform.paging.PanachePages;
import io.meterline.platform.paging.SortOrder;
import io.meterline.platform.problem.ProblemException;
import io.meterline.platform.security.Actor;
import io.meterline.platform.outbox.Announcement;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

/** Invoices: read, marked paid, voided. Their lines and totals never change once finalized. */
@ApplicationScoped
public class InvoiceService {

    static final String TABLE = "invoice";

    /** The columns the invoices screen sorts by, as the API names them; each is the entity property too. */
    public static final Set<String> SORTABLE = Set.of("periodStart", "periodEnd", "number", "currency", "status",
            "total", "creditCarried", "issuedAt", "dueAt", "paidAt", "voidedAt");
    /** Newest period first, as the list always was. */
    public static final String DEFAULT_SORT = "-periodStart,-number";

    @Inject
    ChangeRecorder changes;

    @Inject
    Clock clock;

    @WithSession
    public Uni<Page<InvoiceView>> list(UUID client, String status, SortOrder order, PageRequest page) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (client != null) {
            where.append(" and clientId = :client");
            params.and("client", client);
        }
        if (status != null) {
            try {
                params.and("status", Invoice.Status.valueOf(status));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField("status", "must be FINALIZED, PAID or VOID");
            }
            where.append(" and status = :status");
        }
        return PanachePages.readAll(Invoice.<Invoice> find(where.toString(), order.toPanache(Map.of(), "id"),
                params), page, this::views);
    }

    @WithSession
    public Uni<InvoiceView> get(UUID id) {
        return require(id).chain(invoice -> views(List.of(invoice))).map(list -> list.get(0));
    }

    @WithTransaction
    public Uni<InvoiceView> markPaid(UUID id, Actor actor) {
        return require(id).chain(invoice -> {
            if (invoice.status != Invoice.Status.FINALIZED) {
                throw ProblemException.conflict("Invoice " + invoice.number + " is " + invoice.status
                        + "; only a finalized invoice can be marked paid.");
            }
            return change(invoice, actor, "pay", () -> {
                invoice.status = Invoice.Status.PAID;
                invoice.paidAt = clock.instant();
            }, null);
        });
    }

    /** Sends an invoice whose Stripe sync failed again. */
    @WithTransaction
    public Uni<InvoiceView> resync(UUID id, Actor actor) {
        return require(id).chain(invoice -> {
            if (invoice.stripeStatus != Invoice.StripeStatus.FAILED) {
                throw ProblemException.conflict("Invoice " + invoice.number + "'s Stripe sync is "
                        + (invoice.stripeStatus == null ? "off (its client has no Stripe customer id)"
                                : invoice.stripeStatus) + "; only a FAILED sync is sent again.");
            }
            return change(invoice, actor, "stripe-resync", () -> {
                invoice.stripeStatus = Invoice.StripeStatus.PENDING;
                invoice.stripeError = null;
            }, null);
        });
    }

    @WithTransaction
    public Uni<InvoiceView> voidInvoice(UUID id, String reason, Actor actor) {
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw ProblemException.invalidField("reason", "is required: why the invoice is void, at most 500 "
                    + "characters");
        }
        return require(id).chain(invoice -> {
            if (invoice.status == Invoice.Status.VOID) {
                throw ProblemException.conflict("Invoice " + invoice.number + " is already void.");
            }
            return change(invoice, actor, "void", () -> {
                invoice.status = Invoice.Status.VOID;
                invoice.voidedAt = clock.instant();
                invoice.voidReason = reason.trim();
            }, now -> new Announcement(Topics.BILLING_EVENTS, BillingEvents.clientKey(now.client()),
                    BillingEvents.INVOICE_VOIDED, now.number(), new InvoiceVoided(InvoiceVoided.SCHEMA_VERSION,
                            now.id(), now.number(), now.client(), now.periodStart(), now.voidedAt(),
                            now.voidReason())));
        });
    }

    /** Applies a change with its audit row, and its announcement when it has one, in the same transaction. */
    private Uni<InvoiceView> change(Invoice invoice, Actor actor, String action, Runnable change,
            Function<InvoiceView, Announcement> announcement) {
        return views(List.of(invoice)).map(list -> list.get(0)).chain(old -> {
            change.run();
            return io.quarkus.hibernate.reactive.panache.Panache.flush()
                    .chain(() -> views(List.of(invoice))).map(list -> list.get(0))
                    .call(now -> announcement == null
                            ? changes.audited(actor, action, TABLE, invoice.id, summary(old), summary(now))
                            : changes.auditedAndAnnounced(actor, action, TABLE, invoice.id, summary(old),
                                    summary(now), announcement.apply(now)));
        });
    }

    /** The audit row keeps what changed, not the lines, which never do. */
    private static Map<String, Object> summary(InvoiceView view) {
        Map<String, Object> values = new HashMap<>();
        values.put("number", view.number());
        values.put("status", view.status());
        values.put("total", view.total());
        values.put("paidAt", view.paidAt());
        values.put("voidedAt", view.voidedAt());
        values.put("voidReason", view.voidReason());
        return values;
    }

    static Uni<Invoice> require(UUID id) {
        return Invoice.<Invoice> findById(id).map(found -> {
            if (found == null) {
                throw ProblemException.notFound("No invoice " + id + ".");
            }
            return found;
        });
    }

    private Uni<List<InvoiceView>> views(List<Invoice> invoices) {
        if (invoices.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<UUID> ids = invoices.stream().map(i -> i.id).toList();
        List<UUID> clientIds = invoices.stream().map(i -> i.clientId).distinct().toList();
        return InvoiceItem.<InvoiceItem> list("invoiceId in ?1 order by invoiceId, position", ids)
                .chain(items -> Client.<Client> list("id in ?1", clientIds).map(clients -> {
                    Map<UUID, String> externalIds = clients.stream()
                            .collect(Collectors.toMap(c -> c.id, c -> c.externalId));
                    Map<UUID, List<InvoiceView.Line>> lines = new HashMap<>();
                    for (InvoiceItem item : items) {
                        lines.computeIfAbsent(item.invoiceId, k -> new ArrayList<>()).add(new InvoiceView.Line(
                                item.kind.name(), item.description, item.quantity, item.unitPrice, item.amount,
                                item.bucketId, item.chargeKey, item.dimensions == null ? null : StoredDimensions.read(item.dimensions), item.correctsPeriod));
                    }
                    return invoices.stream().map(i -> new InvoiceView(i.id, i.number, i.clientId,
                            externalIds.get(i.clientId), i.periodStart, i.periodEnd, i.currency, i.status.name(),
                            i.total, i.creditCarried, i.issuedAt, i.dueAt, i.paidAt, i.voidedAt, i.voidReason,
                            i.stripeStatus == null ? null
                                    : new InvoiceView.Stripe(i.stripeStatus.name(), i.stripeInvoiceId, i.stripeError),
                            lines.getOrDefault(i.id, List.of()))).toList();
                }));
    }

}
