package io.meterline.billing.stripe;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.net.RequestOptions;
import com.stripe.param.InvoiceCreateParams;
import com.stripe.param.InvoiceItemCreateParams;

import io.meterline.rating.RatingCurrency;

/**
 * Meterline's finalized invoice as a Stripe invoice: a draft invoice for the customer, one invoice item per line
 * (amounts in the currency's minor units, negative for discounts and credits), then finalized. Every request has an
 * idempotency key made of the invoice's id, so a retried request (stripe-java retries with back-off) or a re-run of
 * the whole sync after a crash never makes a second invoice or item.
 */
final class StripeInvoices {

    private final StripeClient stripe;

    StripeInvoices(StripeClient stripe) {
        this.stripe = stripe;
    }

    /** What Stripe needs of an invoice. */
    record Invoice(UUID id, String number, String customer, String currency, int paymentTermsDays,
            List<Line> lines) {
    }

    record Line(String description, BigDecimal amount) {
    }

    /** Creates, fills and finalizes the Stripe invoice; returns its Stripe id. */
    String sync(Invoice invoice) throws StripeException {
        String currency = invoice.currency().toLowerCase(java.util.Locale.ROOT);
        com.stripe.model.Invoice draft = stripe.invoices().create(InvoiceCreateParams.builder()
                .setCustomer(invoice.customer())
                .setCurrency(currency)
                .setCollectionMethod(InvoiceCreateParams.CollectionMethod.SEND_INVOICE)
                .setDaysUntilDue((long) invoice.paymentTermsDays())
                .setAutoAdvance(false)
                .setPendingInvoiceItemsBehavior(InvoiceCreateParams.PendingInvoiceItemsBehavior.EXCLUDE)
                .setDescription("Meterline invoice " + invoice.number())
                .putMetadata("meterline_invoice_id", invoice.id().toString())
                .putMetadata("meterline_invoice_number", invoice.number())
                .build(), key(invoice, "invoice"));
        int minor = RatingCurrency.of(invoice.currency()).minorUnits();
        for (int i = 0; i < invoice.lines().size(); i++) {
            Line line = invoice.lines().get(i);
            stripe.invoiceItems().create(InvoiceItemCreateParams.builder()
                    .setCustomer(invoice.customer())
                    .setInvoice(draft.getId())
                    .setCurrency(currency)
                    .setAmount(line.amount().movePointRight(minor).longValueExact())
                    .setDescription(line.description())
                    .build(), key(invoice, "line-" + i));
        }
        stripe.invoices().finalizeInvoice(draft.getId(), key(invoice, "finalize"));
        return draft.getId();
    }

    /** Voids the Stripe invoice of a voided Meterline invoice. */
    void voidInvoice(UUID invoiceId, String stripeInvoiceId) throws StripeException {
        stripe.invoices().voidInvoice(stripeInvoiceId, RequestOptions.builder()
                .setIdempotencyKey("meterline-" + invoiceId + "-void").build());
    }

    private static RequestOptions key(Invoice invoice, String step) {
        return RequestOptions.builder().setIdempotencyKey("meterline-" + invoice.id() + "-" + step).build();
    }
}
