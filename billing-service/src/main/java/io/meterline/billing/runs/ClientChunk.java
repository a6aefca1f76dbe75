package io.meterline.billing.runs;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.meterline.billing.buckets.Bucket;
import io.meterline.billing.buckets.BucketAsset;
import io.meterline.billing.catalog.UnitType;
import io.meterline.billing.clients.Client;
import io.meterline.billing.invoices.Invoice;
import io.meterline.billing.invoices.InvoiceItem;
import io.meterline.billing.readings.BillingReading;
import io.meterline.billing.subscriptions.Subscription;
import io.meterline.rating.invoicing.InvoiceLine;
import io.meterline.rating.periods.BillingPeriod;
import io.smallrye.mutiny.Uni;

/**
 * A chunk of a run's clients, read in a handful of queries: their enabled buckets and bindings, the unit types,
 * their subscriptions, which periods already have invoices, and the credit their last invoice carries.
 */
final class ClientChunk {

    final Map<UUID, Client> clients = new HashMap<>();
    final Map<UUID, List<Bucket>> buckets = new HashMap<>();
    final Map<UUID, List<String>> assets = new HashMap<>();
    final Map<UUID, UnitType> unitTypes = new HashMap<>();
    final Map<UUID, List<Subscription>> subscriptions = new HashMap<>();
    final Map<UUID, Set<Instant>> invoiced = new HashMap<>();
    final Map<UUID, BigDecimal> credit = new HashMap<>();
    /** Each client's invoices, oldest first, and for those in the late-usage lookback their lines and readings. */
    final Map<UUID, List<Invoice>> invoices = new HashMap<>();
    final Map<UUID, List<InvoiceLine>> lines = new HashMap<>();
    final Map<UUID, List<BillingReading>> readings = new HashMap<>();

    /** Reads the chunk; call inside a session. */
    static Uni<ClientChunk> load(List<UUID> ids) {
        return load(ids, Instant.MAX);
    }

    /** Reads the chunk, with the lines and readings of invoices for periods that end after {@code lookbackFrom}. */
    static Uni<ClientChunk> load(List<UUID> ids, Instant lookbackFrom) {
        ClientChunk chunk = new ClientChunk();
        return Client.<Client> list("id in ?1", ids).invoke(list -> list.forEach(c -> chunk.clients.put(c.id, c)))
                .chain(() -> Bucket.<Bucket> list("clientId in ?1 and enabled = true", ids)).chain(list -> {
                    list.forEach(b -> chunk.buckets.computeIfAbsent(b.clientId, k -> new ArrayList<>()).add(b));
                    List<UUID> bucketIds = list.stream().map(b -> b.id).toList();
                    Set<UUID> unitTypeIds = new HashSet<>();
                    list.forEach(b -> unitTypeIds.add(b.unitTypeId));
                    Uni<Void> bindings = bucketIds.isEmpty() ? Uni.createFrom().voidItem()
                            : BucketAsset.<BucketAsset> list("bucketId in ?1", bucketIds).invoke(rows -> rows
                                    .forEach(r -> chunk.assets.computeIfAbsent(r.bucketId, k -> new ArrayList<>())
                                            .add(r.asset))).replaceWithVoid();
                    Uni<Void> units = unitTypeIds.isEmpty() ? Uni.createFrom().voidItem()
                            : UnitType.<UnitType> list("id in ?1", unitTypeIds)
                                    .invoke(rows -> rows.forEach(u -> chunk.unitTypes.put(u.id, u))).replaceWithVoid();
                    return bindings.chain(() -> units);
                })
                .chain(() -> Subscription.<Subscription> list("clientId in ?1", ids)).invoke(list -> list
                        .forEach(s -> chunk.subscriptions.computeIfAbsent(s.clientId, k -> new ArrayList<>()).add(s)))
                .chain(() -> Invoice.<Invoice> list("clientId in ?1 order by periodStart", ids)).chain(list -> {
                    List<UUID> recent = new ArrayList<>();
                    for (Invoice invoice : list) {
                        chunk.invoiced.computeIfAbsent(invoice.clientId, k -> new HashSet<>()).add(invoice.periodStart);
                        chunk.credit.put(invoice.clientId, invoice.creditCarried); // the latest period's wins
                        chunk.invoices.computeIfAbsent(invoice.clientId, k -> new ArrayList<>()).add(invoice);
                        if (invoice.periodEnd.isAfter(lookbackFrom)) {
                            recent.add(invoice.id);
                        }
                    }
                    if (recent.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    return InvoiceItem.<InvoiceItem> list("invoiceId in ?1 order by invoiceId, position", recent)
                            .invoke(items -> items.forEach(i -> chunk.lines.computeIfAbsent(i.invoiceId,
                                    k -> new ArrayList<>()).add(new InvoiceLine(i.kind, i.description, i.quantity,
                                            i.unitPrice, i.amount, i.bucketId, i.chargeKey, null, i.correctsPeriod))))
                            .chain(() -> BillingReading.<BillingReading> list("invoiceId in ?1", recent))
                            .invoke(rows -> rows.forEach(r -> chunk.readings.computeIfAbsent(r.invoiceId,
                                    k -> new ArrayList<>()).add(r)))
                            .replaceWithVoid();
                }).replaceWith(chunk);
    }

    /** The client's periods ended by {@code asOf} less its grace period that have no invoice yet, oldest first. */
    List<BillingPeriod> toClose(UUID clientId, Instant asOf) {
        Client client = clients.get(clientId);
        if (client == null || !client.enabled) {
            return List.of();
        }
        Set<Instant> done = invoiced.getOrDefault(clientId, Set.of());
        return client.periods().endedBy(asOf.minus(client.gracePeriod())).stream()
                .filter(period -> !done.contains(period.start())).toList();
    }

    /**
     * The client's finalized (not void) invoices for periods that end after {@code lookbackFrom} and start before
     * {@code before}: the periods late usage is looked for in.
     */
    List<Invoice> lateUsageCandidates(UUID clientId, Instant lookbackFrom, Instant before) {
        return invoices.getOrDefault(clientId, List.of()).stream()
                .filter(i -> i.status != Invoice.Status.VOID && i.periodEnd.isAfter(lookbackFrom)
                        && i.periodStart.isBefore(before))
                .toList();
    }

    /** The adjustments already invoiced for the client's period starting at {@code periodStart}. */
    BigDecimal adjustedBefore(UUID clientId, Instant periodStart) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Invoice invoice : invoices.getOrDefault(clientId, List.of())) {
            for (InvoiceLine line : lines.getOrDefault(invoice.id, List.of())) {
                if (line.kind() == InvoiceLine.Kind.ADJUSTMENT && periodStart.equals(line.correctsPeriod())) {
                    sum = sum.add(line.amount());
                }
            }
        }
        return sum;
    }

    List<Bucket> bucketsIn(UUID clientId, BillingPeriod period) {
        return buckets.getOrDefault(clientId, List.of()).stream()
                .filter(b -> b.overlaps(period.start(), period.end())).toList();
    }

    List<Subscription> subscriptionsIn(UUID clientId, BillingPeriod period) {
        return subscriptions.getOrDefault(clientId, List.of()).stream()
                .filter(s -> s.overlaps(period.start(), period.end())).toList();
    }
}
