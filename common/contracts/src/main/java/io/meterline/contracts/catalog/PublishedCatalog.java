package io.meterline.contracts.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.meterline.rating.Charge;

/**
 * The catalog as published, with the lookups a billing period needs: the price version in effect at an instant, a
 * plan with the discounts that apply to a client, and the cost rates in effect for a currency and client. Whoever
 * rates a period (billing's runs, projection's open periods) asks here, so the same plan and rates apply.
 */
public final class PublishedCatalog {

    private final Map<UUID, List<PlanVersionPublished>> priceVersions = new HashMap<>();
    private final List<PlanVersionPublished> costVersions = new ArrayList<>();
    private final List<DiscountChanged> discounts;

    public PublishedCatalog(List<PlanVersionPublished> versions, List<DiscountChanged> discounts) {
        for (PlanVersionPublished version : versions) {
            if ("COST".equals(version.kind())) {
                costVersions.add(version);
            } else {
                priceVersions.computeIfAbsent(version.planId(), k -> new ArrayList<>()).add(version);
            }
        }
        priceVersions.values().forEach(list -> list.sort(Comparator.comparing(PlanVersionPublished::effectiveFrom)));
        costVersions.sort(Comparator.comparing(PlanVersionPublished::effectiveFrom).reversed());
        this.discounts = discounts.stream().filter(d -> !d.archived()).toList();
    }

    /** A published price version, by number. */
    public Optional<PlanVersionPublished> priceVersion(UUID planId, int version) {
        return priceVersions.getOrDefault(planId, List.of()).stream().filter(v -> v.version() == version)
                .findFirst();
    }

    /** The price plan's version in effect at {@code at}: the last to take effect at or before it. */
    public Optional<PlanVersionPublished> priceVersionAt(UUID planId, Instant at) {
        PlanVersionPublished found = null;
        for (PlanVersionPublished version : priceVersions.getOrDefault(planId, List.of())) {
            if (!version.effectiveFrom().isAfter(at)) {
                found = version;
            }
        }
        return Optional.ofNullable(found);
    }

    public RatablePlan ratable(PlanVersionPublished version, String clientExternalId) {
        return ratable(version.planId(), version.currency(), version.charges(), clientExternalId);
    }

    /** Charges of the plan (published, or a candidate's), with the plan's, its charges' and the client's discounts. */
    public RatablePlan ratable(UUID planId, String currency, List<ChargeSpec> charges, String clientExternalId) {
        List<DiscountChanged> applicable = discounts.stream().filter(d -> switch (d.scope()) {
            case "PLAN", "CHARGE" -> planId.equals(d.planId());
            case "CLIENT" -> clientExternalId.equals(d.client());
            default -> false;
        }).toList();
        return RatablePlan.of(currency, charges, applicable);
    }

    /**
     * The cost rates in effect at {@code at} in {@code currency}, for every client or this one; usage they do not
     * price (a cost rate in another currency included) is reported as uncosted, never converted.
     */
    public List<Charge> costChargesAt(String currency, String clientExternalId, Instant at) {
        Set<UUID> inEffect = new HashSet<>();
        List<List<ChargeSpec>> ordered = new ArrayList<>();
        for (PlanVersionPublished version : costVersions) { // latest effective first
            if (version.currency().equals(currency) && !version.effectiveFrom().isAfter(at)
                    && (version.client() == null || version.client().equals(clientExternalId))
                    && inEffect.add(version.planId())) {
                ordered.add(version.charges());
            }
        }
        return RatablePlan.costCharges(ordered);
    }
}
