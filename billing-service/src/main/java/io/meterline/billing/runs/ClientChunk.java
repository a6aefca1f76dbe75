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
import io.meterline.billing.periods.BillingPeriod;
import io.meterline.billing.subscriptions.Subscription;
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

    /** Reads the chunk; call inside a session. */
    static Uni<ClientChunk> load(List<UUID> ids) {
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
                .chain(() -> Invoice.<Invoice> list("clientId in ?1 order by periodStart", ids)).invoke(list -> {
                    for (Invoice invoice : list) {
                        chunk.invoiced.computeIfAbsent(invoice.clientId, k -> new HashSet<>()).add(invoice.periodStart);
                        chunk.credit.put(invoice.clientId, invoice.creditCarried); // the latest period's wins
                    }
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

    List<Bucket> bucketsIn(UUID clientId, BillingPeriod period) {
        return buckets.getOrDefault(clientId, List.of()).stream()
                .filter(b -> b.overlaps(period.start(), period.end())).toList();
    }

    List<Subscription> subscriptionsIn(UUID clientId, BillingPeriod period) {
        return subscriptions.getOrDefault(clientId, List.of()).stream()
                .filter(s -> s.overlaps(period.start(), period.end())).toList();
    }
}
