package io.meterline.pricing.catalog;

import io.meterline.contracts.Topics;
import io.meterline.contracts.catalog.CatalogEvents;
import io.meterline.contracts.catalog.DiscountChanged;
import io.meterline.contracts.catalog.PlanVersionPublished;
import io.meterline.contracts.catalog.UnitTypeChanged;
import io.meterline.platform.outbox.Announcement;

/**
 * What a catalog change announces on {@code meterline.pricing.catalog}: its key (the topic is compacted to the latest
 * per key), type and subject. {@link io.meterline.platform.audit.ChangeRecorder} writes it to the outbox in the
 * change's transaction.
 */
public final class CatalogAnnouncements {

    private CatalogAnnouncements() {
    }

    public static Announcement of(PlanVersionPublished event) {
        return new Announcement(Topics.PRICING_CATALOG,
                CatalogEvents.planVersionKey(event.kind(), event.planId(), event.version()),
                CatalogEvents.PLAN_VERSION_PUBLISHED, event.planId().toString(), event);
    }

    public static Announcement of(UnitTypeChanged event) {
        return new Announcement(Topics.PRICING_CATALOG, CatalogEvents.unitTypeKey(event.id()),
                CatalogEvents.UNIT_TYPE_CHANGED, event.id().toString(), event);
    }

    public static Announcement of(DiscountChanged event) {
        return new Announcement(Topics.PRICING_CATALOG, CatalogEvents.discountKey(event.id()),
                CatalogEvents.DISCOUNT_CHANGED, event.id().toString(), event);
    }
}
