package io.meterline.billing.runs;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.meterline.billing.assets.Asset;
import io.meterline.billing.buckets.Bucket;
import io.meterline.billing.catalog.UnitType;
import io.meterline.billing.clients.Client;
import io.meterline.billing.usage.UsageReader;
import io.meterline.billing.usage.UsageTotal;
import io.meterline.contracts.catalog.PlanVersionPublished;
import io.meterline.contracts.catalog.PublishedCatalog;
import io.meterline.platform.problem.ProblemException;
import io.meterline.rating.Charge;
import io.meterline.rating.PlanRater;
import io.meterline.rating.RatingCurrency;
import io.meterline.rating.UsageQuantity;
import io.meterline.rating.periods.BillingPeriod;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Revenue leakage: a client's assets whose usage of a meter no bucket counts (no bucket binds them, and the client
 * has no unbound bucket on that meter), over the open period so far, valued at a unit type's overage rate for the
 * meter in the client's currency, or else at the client's plan.
 */
@ApplicationScoped
public class UnboundAssetsService {

    @Inject
    UsageReader usage;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    private record Loaded(Client client, BillingPeriod period, ClientChunk chunk, PublishedCatalog catalog,
            List<UnitType> unitTypes, Map<String, Asset> assets) {
    }

    public Uni<UnboundAssets> find(UUID clientId) {
        Instant now = clock.instant();
        return Panache.withSession(() -> Client.<Client> findById(clientId).chain(client -> {
            if (client == null) {
                throw ProblemException.notFound("No client " + clientId + ".");
            }
            BillingPeriod period = client.periods().containing(now).orElseThrow(() -> ProblemException.conflict(
                    "Client " + client.externalId + " is not billed now."));
            return ClientChunk.load(List.of(clientId)).chain(chunk -> CatalogSnapshot.load(json).chain(catalog ->
                    UnitType.<UnitType> list("deleted = false and currency = ?1", client.currency).chain(unitTypes ->
                            Asset.<Asset> list("client = ?1 and disregarded = false", client.externalId)
                                    .map(assets -> {
                                        Map<String, Asset> byId = new HashMap<>();
                                        assets.forEach(a -> byId.put(a.id, a));
                                        return new Loaded(client, period, chunk, catalog, unitTypes, byId);
                                    }))));
        })).emitOn(Infrastructure.getDefaultWorkerPool()).map(this::value);
    }

    private UnboundAssets value(Loaded l) {
        Instant through = clock.instant().truncatedTo(ChronoUnit.HOURS);
        if (through.isAfter(l.period().end())) {
            through = l.period().end();
        }
        RatingCurrency currency = RatingCurrency.of(l.client().currency);
        List<UnboundAssets.Item> items = new ArrayList<>();
        if (through.isAfter(l.period().start())) {
            Instant at = through;
            List<Bucket> active = l.chunk().buckets.getOrDefault(l.client().id, List.of()).stream()
                    .filter(b -> b.overlaps(at.minusNanos(1), at)).toList();
            Set<String> meteredByRest = new HashSet<>();
            Set<String> bound = new HashSet<>();
            for (Bucket bucket : active) {
                List<String> assets = l.chunk().assets.get(bucket.id);
                if (assets == null) {
                    meteredByRest.add(bucket.meter);
                } else {
                    assets.forEach(a -> bound.add(bucket.meter + "\u0000" + a));
                }
            }
            // Every meter (null), grouped by asset.
            List<UsageTotal> rows = usage.read(l.period().start(), through, null, List.of(l.client().externalId),
                    List.of(), true).getOrDefault(l.client().externalId, List.of());
            Map<String, BigDecimal> byAssetAndMeter = new HashMap<>();
            for (UsageTotal row : rows) {
                if (row.asset() != null && !meteredByRest.contains(row.meter())
                        && !bound.contains(row.meter() + "\u0000" + row.asset())) {
                    byAssetAndMeter.merge(row.asset() + "\u0000" + row.meter(), row.value(), BigDecimal::add);
                }
            }
            byAssetAndMeter.forEach((key, quantity) -> {
                String[] parts = key.split("\u0000");
                Asset asset = l.assets().get(parts[0]);
                Valued valued = valued(l, currency, parts[1], quantity, at);
                items.add(new UnboundAssets.Item(parts[0], asset == null ? null : asset.name,
                        asset == null ? null : asset.source, parts[1], quantity, valued.amount(), valued.by()));
            });
            items.sort(Comparator.comparing(UnboundAssets.Item::asset).thenComparing(UnboundAssets.Item::meter));
        }
        BigDecimal total = items.stream().map(UnboundAssets.Item::value).filter(v -> v != null)
                .reduce(currency.zero(), BigDecimal::add);
        return new UnboundAssets(l.client().id, l.client().externalId, l.period().start(),
                through.isAfter(l.period().start()) ? through : l.period().start(), l.client().currency, total, items);
    }

    private record Valued(BigDecimal amount, String by) {
    }

    /** At a unit type's overage rate for the meter, or else at the client's plan's charge on it. */
    private Valued valued(Loaded l, RatingCurrency currency, String meter, BigDecimal quantity, Instant at) {
        Optional<UnitType> unitType = l.unitTypes().stream().filter(u -> u.meter.equals(meter) && u.overageRate != null)
                .min(Comparator.comparing(u -> u.name));
        if (unitType.isPresent()) {
            return new Valued(currency.round(quantity.multiply(unitType.get().overageRate)), "unit type "
                    + unitType.get().name + " at " + unitType.get().overageRate.toPlainString());
        }
        for (var subscription : l.chunk().subscriptionsIn(l.client().id, l.period())) {
            Optional<PlanVersionPublished> version = l.catalog().priceVersionAt(subscription.pricePlanId, at);
            if (version.isEmpty()) {
                continue;
            }
            List<Charge> charges = l.catalog().ratable(version.get(), l.client().externalId).charges().stream()
                    .filter(c -> c.meter().equals(meter)).toList();
            if (!charges.isEmpty()) {
                BigDecimal amount = PlanRater.rate(currency, charges, List.of(new UsageQuantity(meter, Map.of(),
                        quantity)), List.of(), BigDecimal.ONE, at).total();
                return new Valued(amount, "plan " + version.get().name());
            }
        }
        return new Valued(null, null);
    }
}
