package io.meterline.gateway.routing;

import java.util.Map;
import java.util.Optional;

/**
 * The service that owns each {@code /api/v1/<resource>} path, by its first segment. The four services' resources do
 * not overlap. Ingest ({@code events}) is left out on purpose: tenant services send usage to metering with their API
 * keys, never through the admins' entry point.
 */
public enum OwningService {
    METERING, PRICING, BILLING, PROJECTION;

    private static final Map<String, OwningService> BY_RESOURCE = Map.ofEntries(
            Map.entry("api-keys", METERING), Map.entry("assets", METERING), Map.entry("meters", METERING),
            Map.entry("suppressions", METERING), Map.entry("usage", METERING),
            Map.entry("cost-rates", PRICING), Map.entry("discounts", PRICING), Map.entry("price-plans", PRICING),
            Map.entry("rate", PRICING), Map.entry("unit-types", PRICING),
            Map.entry("backtests", BILLING), Map.entry("billing-readings", BILLING),
            Map.entry("billing-runs", BILLING), Map.entry("buckets", BILLING), Map.entry("clients", BILLING),
            Map.entry("invoices", BILLING), Map.entry("subscriptions", BILLING), Map.entry("late-usage", BILLING),
            Map.entry("late-usage-policies", BILLING),
            Map.entry("alert-rules", PROJECTION), Map.entry("alerts", PROJECTION), Map.entry("analytics", PROJECTION),
            Map.entry("projections", PROJECTION));

    /** The owner of a path below {@code /api/v1/} ({@code clients/42/buckets} → billing), if any. */
    public static Optional<OwningService> of(String path) {
        int slash = path.indexOf('/');
        return Optional.ofNullable(BY_RESOURCE.get(slash < 0 ? path : path.substring(0, slash)));
    }
}
