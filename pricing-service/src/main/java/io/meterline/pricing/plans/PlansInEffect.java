package io.meterline.pricing.plans;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.meterline.contracts.catalog.ChargeSpec;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** What quotes and discounts read of the plans: which version is in effect when, and the charges a plan has. */
@ApplicationScoped
public class PlansInEffect {

    @Inject
    ChargesJson charges;

    private static final Comparator<PlanVersion> LATEST_TAKING_EFFECT_FIRST = Comparator
            .comparing(PlanVersion::effectiveFrom).reversed().thenComparing(PlanVersion::planId);

    /** The price plan, or null. */
    @WithSession
    public Uni<PlanRecord> pricePlan(UUID id) {
        return PlanRecord.<PlanRecord> find("id = ?1 and kind = ?2", id, PlanKind.PRICE).firstResult();
    }

    /** The charges of the plan's draft. */
    public List<ChargeSpec> draftCharges(PlanRecord plan) {
        return charges.read(plan.draftCharges);
    }

    /** The charges of the plan's newest version; none if it has no version. */
    @WithSession
    public Uni<List<ChargeSpec>> latestCharges(UUID planId) {
        return PlanService.latestVersion(planId).map(latest -> latest == null ? List.of() : charges.read(latest.charges));
    }

    /** The version in effect at {@code at}: the one with the latest effectiveFrom not after it; or null. */
    @WithSession
    public Uni<PlanVersion> versionInEffect(UUID planId, Instant at) {
        return PlanVersionRecord.<PlanVersionRecord> find("from PlanVersionRecord v join fetch v.plan "
                + "where v.planId = ?1 and v.effectiveFrom <= ?2", Sort.descending("effectiveFrom"), planId, at)
                .firstResult().map(v -> v == null ? null : v.view(v.plan, charges));
    }

    /**
     * For each plan of {@code kind} in {@code currency}, its version in effect at {@code at}, latest taking effect
     * first. The versions in effect by then are read and the newest of each plan kept: a catalog holds a few hundred.
     */
    @WithSession
    public Uni<List<PlanVersion>> versionsInEffect(PlanKind kind, String currency, Instant at) {
        return PlanVersionRecord.<PlanVersionRecord> list("from PlanVersionRecord v join fetch v.plan p "
                + "where p.kind = ?1 and v.currency = ?2 and v.effectiveFrom <= ?3", kind, currency, at)
                .map(versions -> {
                    Map<UUID, PlanVersionRecord> current = new LinkedHashMap<>();
                    for (PlanVersionRecord v : versions) {
                        current.merge(v.planId, v, (a, b) -> a.effectiveFrom.isAfter(b.effectiveFrom) ? a : b);
                    }
                    return current.values().stream().map(v -> v.view(v.plan, charges)).sorted(LATEST_TAKING_EFFECT_FIRST)
                            .toList();
                });
    }
}
