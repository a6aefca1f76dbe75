package io.meterline.metering.clients;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.meterline.contracts.billing.BillingEvents;
import io.meterline.contracts.billing.ClientChanged;
import io.meterline.contracts.billing.InvoiceFinalized;
import io.meterline.platform.messaging.CloudEventRecords;
import io.meterline.platform.messaging.ProcessedEvents;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Keeps metering's list of billing's clients from {@code meterline.billing.events}: each client event applied once,
 * an older revision never over a newer one; and how far each client is invoiced, from its invoice-finalized events
 * (raw events are kept until then: RawRetention). Other billing events are not metering's business. A record that
 * cannot be read goes to the channel's dead-letter topic.
 */
@ApplicationScoped
public class BillingClientConsumer {

    static final String CONSUMER = "metering-billing-clients";

    @Inject
    ObjectMapper json;

    @Incoming("billing-events")
    @WithTransaction
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        String type = CloudEventRecords.header(record, "ce_type");
        boolean client = BillingEvents.CLIENT_CHANGED.equals(type);
        if (!client && !BillingEvents.INVOICE_FINALIZED.equals(type)) {
            return Uni.createFrom().voidItem();
        }
        String eventId = CloudEventRecords.header(record, "ce_id");
        if (eventId == null) {
            throw new IllegalArgumentException("Not a billing CloudEvent: " + CloudEventRecords.where(record)
                    + " has no ce_id");
        }
        Uni<Void> change = client ? apply(CloudEventRecords.payload(json, record, ClientChanged.class))
                : billed(CloudEventRecords.payload(json, record, InvoiceFinalized.class));
        return Panache.getSession().chain(session -> ProcessedEvents.firstTime(session, CONSUMER, eventId))
                .chain(first -> first ? change : Uni.createFrom().voidItem());
    }

    /**
     * Moves the client's billed-through mark to the invoice's period end, never back (a late invoice of an older
     * period, say). Billing keys both event types by client, so the client's own event has always come first.
     */
    private static Uni<Void> billed(InvoiceFinalized invoice) {
        if (invoice.client() == null || invoice.periodEnd() == null) {
            throw new IllegalArgumentException("An invoice-finalized event needs client and periodEnd");
        }
        return BillingClient.<BillingClient> findById(invoice.client()).chain(found -> {
            if (found == null || (found.billedThrough != null && !found.billedThrough.isBefore(invoice.periodEnd()))) {
                return Uni.createFrom().voidItem();
            }
            found.billedThrough = invoice.periodEnd();
            return found.persist().replaceWithVoid();
        });
    }

    private static Uni<Void> apply(ClientChanged event) {
        return BillingClient.<BillingClient> findById(event.id()).chain(found -> {
            if (found != null && found.revision >= event.revision()) {
                return Uni.createFrom().voidItem();
            }
            BillingClient client = found != null ? found : new BillingClient();
            client.clientId = event.id();
            client.externalId = event.externalId();
            client.enabled = event.enabled();
            client.revision = event.revision();
            return client.persist().replaceWithVoid();
        });
    }
}
