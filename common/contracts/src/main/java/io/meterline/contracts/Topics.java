package io.meterline.contracts;

/** The Kafka topics between Meterline's services (docs/architecture.md). */
public final class Topics {

    /** The ingest log: meter events as accepted by the API, before dedup. Keyed by customer, or asset. */
    public static final String USAGE_RAW = "meterline.usage.raw";
    /** Accepted, deduplicated, attributed meter events, for projections. */
    public static final String USAGE_METERED = "meterline.usage.metered";
    /** Asset changes; compacted, keyed by asset id. */
    public static final String METERING_ASSETS = "meterline.metering.assets";
    /** Published price-plan and cost-rate versions, unit types and discounts; compacted. */
    public static final String PRICING_CATALOG = "meterline.pricing.catalog";
    /** Client and bucket changes, closed periods, finalized invoices. */
    public static final String BILLING_EVENTS = "meterline.billing.events";
    /** Alert state changes. */
    public static final String PROJECTION_ALERTS = "meterline.projection.alerts";

    private Topics() {
    }
}
