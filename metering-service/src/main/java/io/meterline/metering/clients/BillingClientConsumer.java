package io.meterline.metering.clients;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.meterline.contracts.billing.BillingEvents;
import io.meterline.contracts.billing.ClientChanged;
import io.meterline.platform.messaging.CloudEventRecords;
import io.meterline.platform.messaging.ProcessedEvents;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Keeps metering's list of billing's clients from {@code meterline.billing.events}: each client event applied once,
 * an older revision never over a newer one. Other billing events are not metering's business. A record that cannot be
 * read goes to the channel's dead-letter topic.
 */
@ApplicationScoped
public class BillingClientConsumer {

    static final String CONSUMER = "metering-billing-clients";

    @Inject
    ObjectMapper json;

    @Incoming("billing-events")
    @WithTransaction
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        if (!BillingEvents.CLIENT_CHANGED.equals(CloudEventRecords.header(record, "ce_type"))) {
            return Uni.createFrom().voidItem();
        }
        String eventId = CloudEventRecords.header(record, "ce_id");
        if (eventId == null) {
            throw new IllegalArgumentException("Not a client CloudEvent: " + CloudEventRecords.where(record)
                    + " has no ce_id");
        }
        ClientChanged client = CloudEventRecords.payload(json, record, ClientChanged.class);
        return Panache.getSession().chain(session -> ProcessedEvents.firstTime(session, CONSUMER, eventId))
                .chain(first -> first ? apply(client) : Uni.createFrom().voidItem());
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
