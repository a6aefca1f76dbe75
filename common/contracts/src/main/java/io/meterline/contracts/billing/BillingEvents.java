package io.meterline.contracts.billing;

/**
 * The CloudEvents types on {@link io.meterline.contracts.Topics#BILLING_EVENTS}, and their record keys: every event
 * about one client is keyed by the client's id, so a consumer sees them in order.
 */
public final class BillingEvents {

    public static final String SOURCE = "/meterline/billing-service";
    public static final String CLIENT_CHANGED = "io.meterline.billing.client-changed.v1";
    public static final String BUCKET_CHANGED = "io.meterline.billing.bucket-changed.v1";
    public static final String SUBSCRIPTION_CHANGED = "io.meterline.billing.subscription-changed.v1";
    public static final String INVOICE_FINALIZED = "io.meterline.billing.invoice-finalized.v1";
    public static final String INVOICE_VOIDED = "io.meterline.billing.invoice-voided.v1";
    public static final String READING_FINALIZED = "io.meterline.billing.reading-finalized.v1";

    private BillingEvents() {
    }

    public static String clientKey(Object clientId) {
        return "client/" + clientId;
    }
}
