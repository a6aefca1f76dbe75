package io.meterline.contracts.catalog;

/**
 * The CloudEvents types on {@link io.meterline.contracts.Topics#PRICING_CATALOG}, and the record keys that keep the
 * compacted topic at one record per published plan version, and the latest state of each unit type and discount.
 */
public final class CatalogEvents {

    public static final String SOURCE = "/meterline/pricing-service";
    public static final String PLAN_VERSION_PUBLISHED = "io.meterline.pricing.plan-version-published.v1";
    public static final String UNIT_TYPE_CHANGED = "io.meterline.pricing.unit-type-changed.v1";
    public static final String DISCOUNT_CHANGED = "io.meterline.pricing.discount-changed.v1";

    private CatalogEvents() {
    }

    public static String planVersionKey(String kind, Object planId, int version) {
        return kind.toLowerCase(java.util.Locale.ROOT) + "-plan/" + planId + "/v" + version;
    }

    public static String unitTypeKey(Object id) {
        return "unit-type/" + id;
    }

    public static String discountKey(Object id) {
        return "discount/" + id;
    }
}
