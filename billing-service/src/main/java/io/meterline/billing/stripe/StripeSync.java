package io.meterline.billing.stripe;

import static io.meterline.platform.reactive.Await.await;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;

import io.meterline.billing.BillingConfig;
import io.meterline.billing.clients.Client;
import io.meterline.billing.invoices.Invoice;
import io.meterline.billing.invoices.InvoiceItem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Syncs finalized invoices of clients with a Stripe customer id to Stripe, off by default
 * ({@code meterline.billing.stripe.enabled}). An invoice waits as PENDING, becomes SYNCED with its Stripe id, or
 * FAILED with the reason once stripe-java's retries (with back-off, the same idempotency key each time) are spent;
 * an operator sends a FAILED one again with {@code POST /api/v1/invoices/{id}/stripe-sync}. A voided invoice that was
 * synced is voided in Stripe too.
 */
@ApplicationScoped
public class StripeSync {

    private static final Logger LOG = Logger.getLogger(StripeSync.class);
    private static final int BATCH = 50;

    @Inject
    BillingConfig config;

    @Inject
    MeterRegistry registry;

    private StripeInvoices stripe;
    private ScheduledExecutorService thread;
    private Counter synced;
    private Counter failed;

    void start(@Observes StartupEvent event) {
        BillingConfig.Stripe settings = config.stripe();
        if (!settings.enabled()) {
            return;
        }
        String apiKey = settings.apiKey().orElseThrow(() -> new IllegalStateException(
                "meterline.billing.stripe.enabled is true but meterline.billing.stripe.api-key is not set"));
        stripe = new StripeInvoices(StripeClient.builder().setApiKey(apiKey).setApiBase(settings.apiBase())
                .setMaxNetworkRetries(settings.maxRetries()).build());
        synced = Counter.builder("meterline.billing.stripe.synced").description("Invoices synced to Stripe")
                .register(registry);
        failed = Counter.builder("meterline.billing.stripe.failed")
                .description("Invoices whose Stripe sync failed after its retries").register(registry);
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stripe-sync");
            t.setDaemon(true);
            return t;
        });
        long every = settings.pollInterval().toMillis();
        thread.scheduleWithFixedDelay(this::syncAll, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (thread != null) {
            thread.shutdownNow();
        }
    }

    private void syncAll() {
        try {
            List<Invoice> pending = await(() -> Panache.withSession(() -> Invoice.<Invoice> find(
                    "stripeStatus = ?1 and status <> ?2", Sort.by("issuedAt").and("id"), Invoice.StripeStatus.PENDING,
                    Invoice.Status.VOID).page(0, BATCH).list()));
            for (Invoice invoice : pending) {
                sync(invoice);
            }
            List<Invoice> voided = await(() -> Panache.withSession(() -> Invoice.<Invoice> find(
                    "status = ?1 and stripeStatus = ?2 and stripeVoided = false", Invoice.Status.VOID,
                    Invoice.StripeStatus.SYNCED).page(0, BATCH).list()));
            for (Invoice invoice : voided) {
                voidInStripe(invoice);
            }
        } catch (Throwable e) {
            LOG.error("Stripe sync failed; it tries again", e);
        }
    }

    private void sync(Invoice invoice) {
        List<InvoiceItem> items = await(() -> Panache.withSession(() -> InvoiceItem.<InvoiceItem> list(
                "invoiceId = ?1 order by position", invoice.id)));
        Client client = await(() -> Panache.withSession(() -> Client.<Client> findById(invoice.clientId)));
        try {
            String stripeId = stripe.sync(new StripeInvoices.Invoice(invoice.id, invoice.number,
                    client.stripeCustomerId, invoice.currency, client.paymentTermsDays, items.stream()
                            .map(i -> new StripeInvoices.Line(i.description, i.amount)).toList()));
            mark(invoice.id, Invoice.StripeStatus.SYNCED, stripeId, null);
            synced.increment();
        } catch (StripeException | RuntimeException e) {
            LOG.warnf("Invoice %s could not be synced to Stripe: %s", invoice.number, e.getMessage());
            mark(invoice.id, Invoice.StripeStatus.FAILED, null, e.getMessage());
            failed.increment();
        }
    }

    private void voidInStripe(Invoice invoice) {
        try {
            stripe.voidInvoice(invoice.id, invoice.stripeInvoiceId);
            await(() -> Panache.withTransaction(() -> Invoice.<Invoice> findById(invoice.id)
                    .invoke(found -> found.stripeVoided = true)));
        } catch (StripeException | RuntimeException e) {
            LOG.warnf("Invoice %s could not be voided in Stripe: %s", invoice.number, e.getMessage());
        }
    }

    private void mark(UUID id, Invoice.StripeStatus status, String stripeId, String error) {
        await(() -> Panache.withTransaction(() -> Invoice.<Invoice> findById(id).invoke(found -> {
            found.stripeStatus = status;
            found.stripeInvoiceId = stripeId != null ? stripeId : found.stripeInvoiceId;
            found.stripeError = error == null ? null : error.length() > 1000 ? error.substring(0, 1000) : error;
            found.stripeAttempts++;
        })));
    }
}
