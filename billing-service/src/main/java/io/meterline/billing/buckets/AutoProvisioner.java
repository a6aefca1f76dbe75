package io.meterline.billing.buckets;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.meterline.billing.assets.Asset;
import io.meterline.billing.catalog.UnitType;
import io.meterline.billing.clients.Client;
import io.meterline.platform.match.Glob;
import io.meterline.platform.security.Actor;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Auto-provisioning: for every unit type with auto-provision on, a bucket for each enabled client (in the unit type's
 * currency) whose assets match the unit type's filter and that has no bucket of that unit type yet, from the
 * template, unreviewed, counting the matching assets no other bucket counts for the meter. Nightly, and on demand.
 */
@ApplicationScoped
public class AutoProvisioner {

    private static final Logger LOG = Logger.getLogger(AutoProvisioner.class);

    @Inject
    BucketService buckets;

    @Inject
    Clock clock;

    @Scheduled(cron = "{meterline.billing.auto-provision.cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> nightly() {
        return provision(Actor.system("auto-provision")).invoke(made -> {
            if (!made.isEmpty()) {
                LOG.infof("Auto-provisioned %d buckets", made.size());
            }
        }).replaceWithVoid();
    }

    /** Makes the missing buckets and answers them; each is audited and announced like any bucket. */
    @WithTransaction
    public Uni<List<BucketView>> provision(Actor actor) {
        Instant now = clock.instant();
        return UnitType.<UnitType> list("autoProvision = true and deleted = false and filterPattern is not null")
                .chain(unitTypes -> Asset.<Asset> list("client is not null and disregarded = false").chain(assets ->
                        Multi.createFrom().iterable(unitTypes).onItem().transformToUniAndConcatenate(unitType ->
                                forUnitType(unitType, assets, now, actor)).collect().asList()))
                .map(lists -> lists.stream().flatMap(List::stream).toList());
    }

    private Uni<List<BucketView>> forUnitType(UnitType unitType, List<Asset> assets, Instant now, Actor actor) {
        Glob filter = Glob.of(unitType.filterPattern);
        Map<String, List<String>> matchingByClient = new LinkedHashMap<>();
        for (Asset asset : assets) {
            String value = "SOURCE".equals(unitType.filterOn) ? asset.source : asset.name;
            if (filter.matches(value)) {
                matchingByClient.computeIfAbsent(asset.client, k -> new ArrayList<>()).add(asset.id);
            }
        }
        if (matchingByClient.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Client.<Client> list("externalId in ?1 and enabled = true and currency = ?2",
                List.copyOf(matchingByClient.keySet()), unitType.currency)
                .chain(clients -> Bucket.<Bucket> list("unitTypeId = ?1", unitType.id).chain(existing -> {
                    Set<UUID> covered = new HashSet<>();
                    existing.forEach(b -> covered.add(b.clientId));
                    return BucketAsset.<BucketAsset> list("meter = ?1", unitType.meter).chain(bound -> {
                        Set<String> taken = new HashSet<>();
                        bound.forEach(b -> taken.add(b.asset));
                        List<Client> missing = clients.stream().filter(c -> !covered.contains(c.id)).toList();
                        return Multi.createFrom().iterable(missing).onItem().transformToUniAndConcatenate(client ->
                                buckets.provision(client, unitType, matchingByClient.get(client.externalId).stream()
                                        .filter(a -> !taken.contains(a)).toList(), now, actor))
                                .collect().asList();
                    });
                }));
    }
}
