package io.meterline.billing.runs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.meterline.billing.catalog.PlanDiscount;
import io.meterline.billing.catalog.PlanVersion;
import io.meterline.contracts.catalog.ChargeSpec;
import io.meterline.contracts.catalog.DiscountChanged;
import io.meterline.contracts.catalog.RatablePlan;
import io.meterline.rating.Charge;
import io.smallrye.mutiny.Uni;

/**
 * The catalog as a run sees it: every published price and cost-rate version and every discount, read once, with the
 * lookups a period needs (the version in effect at an instant, the cost rates for a currency and client).
 */
final class CatalogSnapshot {

    private final Map<UUID, List<PlanVersion>> priceVersions = new HashMap<>();
    private final List<PlanVersion> costVersions = new ArrayList<>();
    private final List<DiscountChanged> discounts;
    // Read by every closer thread of a run at once.
    private final Map<String, List<ChargeSpec>> charges = new java.util.concurrent.ConcurrentHashMap<>();
    private final ObjectMapper json;

    CatalogSnapshot(List<PlanVersion> versions, List<PlanDiscount> discounts, ObjectMapper json) {
        this.json = json;
        for (PlanVersion version : versions) {
            if ("COST".equals(version.kind)) {
                costVersions.add(version);
            } else {
                priceVersions.computeIfAbsent(version.planId, k -> new ArrayList<>()).add(version);
            }
        }
        priceVersions.values().forEach(list -> list.sort(Comparator.comparing(v -> v.effectiveFrom)));
        costVersions.sort(Comparator.comparing((PlanVersion v) -> v.effectiveFrom).reversed());
        this.discounts = discounts.stream().filter(d -> !d.archived).map(PlanDiscount::toEvent).toList();
    }

    /** Reads the whole catalog copy; call inside a session. */
    static Uni<CatalogSnapshot> load(ObjectMapper json) {
        return PlanVersion.<PlanVersion> listAll().chain(versions -> PlanDiscount.<PlanDiscount> listAll()
                .map(discounts -> new CatalogSnapshot(versions, discounts, json)));
    }

    /** A published price version, by number. */
    Optional<PlanVersion> priceVersion(UUID planId, int version) {
        return priceVersions.getOrDefault(planId, List.of()).stream().filter(v -> v.version == version).findFirst();
    }

    /** The price plan's version in effect at {@code at}: the last to take effect at or before it. */
    Optional<PlanVersion> priceVersionAt(UUID planId, Instant at) {
        PlanVersion found = null;
        for (PlanVersion version : priceVersions.getOrDefault(planId, List.of())) {
            if (!version.effectiveFrom.isAfter(at)) {
                found = version;
            }
        }
        return Optional.ofNullable(found);
    }

    RatablePlan ratable(PlanVersion version, String clientExternalId) {
        return ratable(version.planId, version.currency, charges(version), clientExternalId);
    }

    /** Charges of the plan (published, or a candidate's), with the plan's, its charges' and the client's discounts. */
    RatablePlan ratable(UUID planId, String currency, List<ChargeSpec> charges, String clientExternalId) {
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
    List<Charge> costChargesAt(String currency, String clientExternalId, Instant at) {
        Map<UUID, PlanVersion> inEffect = new HashMap<>();
        List<PlanVersion> ordered = new ArrayList<>();
        for (PlanVersion version : costVersions) { // latest effective first
            if (version.currency.equals(currency) && !version.effectiveFrom.isAfter(at)
                    && (version.client == null || version.client.equals(clientExternalId))
                    && !inEffect.containsKey(version.planId)) {
                inEffect.put(version.planId, version);
                ordered.add(version);
            }
        }
        return RatablePlan.costCharges(ordered.stream().map(this::charges).toList());
    }

    List<ChargeSpec> charges(PlanVersion version) {
        return charges.computeIfAbsent(version.planId + "/" + version.version, k -> {
            try {
                return json.readValue(version.charges, new TypeReference<List<ChargeSpec>>() {
                });
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Unreadable charges of plan " + k, e);
            }
        });
    }
}
