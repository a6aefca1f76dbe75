package io.meterline.billing;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a native build must keep for Jackson that no REST signature shows it: the Kafka payloads this service reads
 * or writes (common/contracts is a plain library, outside Quarkus's index, so the types inside them are not found
 * by walking) and the values it stores as JSON. Nested records and enums are included. Not verified here: no
 * native build runs on our machines (docs/deployment.md, "Images").
 */
@RegisterForReflection(targets = {
        io.meterline.contracts.catalog.PlanVersionPublished.class,
        io.meterline.contracts.catalog.UnitTypeChanged.class,
        io.meterline.contracts.catalog.DiscountChanged.class,
        io.meterline.contracts.catalog.ChargeSpec.class,
        io.meterline.contracts.catalog.PriceSpec.class,
        io.meterline.contracts.catalog.TierSpec.class,
        io.meterline.contracts.catalog.DimensionPriceSpec.class,
        io.meterline.contracts.catalog.RatablePlan.class,
        io.meterline.contracts.assets.AssetChanged.class,
        io.meterline.contracts.billing.ClientChanged.class,
        io.meterline.contracts.billing.BucketChanged.class,
        io.meterline.contracts.billing.SubscriptionChanged.class,
        io.meterline.contracts.billing.InvoiceVoided.class,
        io.meterline.contracts.billing.InvoiceFinalized.class,
        io.meterline.rating.periods.BillingCycle.class })
final class NativeReflection {

    private NativeReflection() {
    }
}
