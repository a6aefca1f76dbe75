package io.meterline.pricing.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.meterline.contracts.Topics;
import io.meterline.contracts.catalog.CatalogEvents;
import io.meterline.contracts.catalog.DiscountChanged;
import io.meterline.contracts.catalog.PlanVersionPublished;
import io.meterline.contracts.catalog.UnitTypeChanged;
import io.meterline.platform.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/** Puts catalog changes on meterline.pricing.catalog, through the outbox of the change's transaction. */
@ApplicationScoped
public class CatalogPublisher {

    @Inject
    Outbox outbox;

    public Uni<Void> planVersionPublished(SqlConnection tx, PlanVersionPublished event) {
        return outbox.add(tx, Topics.PRICING_CATALOG,
                CatalogEvents.planVersionKey(event.kind(), event.planId(), event.version()),
                CatalogEvents.PLAN_VERSION_PUBLISHED, event.planId().toString(), event).replaceWithVoid();
    }

    public Uni<Void> unitTypeChanged(SqlConnection tx, UnitTypeChanged event) {
        return outbox.add(tx, Topics.PRICING_CATALOG, CatalogEvents.unitTypeKey(event.id()),
                CatalogEvents.UNIT_TYPE_CHANGED, event.id().toString(), event).replaceWithVoid();
    }

    public Uni<Void> discountChanged(SqlConnection tx, DiscountChanged event) {
        return outbox.add(tx, Topics.PRICING_CATALOG, CatalogEvents.discountKey(event.id()),
                CatalogEvents.DISCOUNT_CHANGED, event.id().toString(), event).replaceWithVoid();
    }
}
