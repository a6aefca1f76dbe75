package io.meterline.billing.runs;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.meterline.billing.catalog.PlanDiscount;
import io.meterline.billing.catalog.PlanVersion;
import io.meterline.contracts.catalog.ChargeSpec;
import io.meterline.contracts.catalog.PlanVersionPublished;
import io.meterline.contracts.catalog.PublishedCatalog;
import io.smallrye.mutiny.Uni;

/**
 * The catalog as a run sees it: billing's copy of every published price and cost-rate version and every discount,
 * read once into a {@link PublishedCatalog} (the lookups projections make too, so both rate alike).
 */
final class CatalogSnapshot {

    private static final TypeReference<List<ChargeSpec>> CHARGES = new TypeReference<>() {
    };

    private CatalogSnapshot() {
    }

    /** Reads the whole catalog copy; call inside a session. */
    static Uni<PublishedCatalog> load(ObjectMapper json) {
        return PlanVersion.<PlanVersion> listAll().chain(versions -> PlanDiscount.<PlanDiscount> listAll()
                .map(discounts -> {
                    List<PlanVersionPublished> published = new ArrayList<>(versions.size());
                    for (PlanVersion v : versions) {
                        published.add(new PlanVersionPublished(PlanVersionPublished.SCHEMA_VERSION, v.planId,
                                v.kind, v.name, v.currency, v.client, v.version, v.effectiveFrom, v.publishedAt,
                                null, charges(json, v)));
                    }
                    return new PublishedCatalog(published, discounts.stream().map(PlanDiscount::toEvent).toList());
                }));
    }

    private static List<ChargeSpec> charges(ObjectMapper json, PlanVersion version) {
        try {
            return json.readValue(version.charges, CHARGES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable charges of plan " + version.planId + " v" + version.version,
                    e);
        }
    }
}
