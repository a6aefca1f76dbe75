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
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Keeps metering's list of billing's clients from {@code meterline.billing.events}: each client event applied once,
 * an older revision never over a newer one. Other billing events are not metering's business. A record that cannot be
 * read goes to the channel's dead-letter topic.
 */
@ApplicationScoped
public class BillingClientConsumer {

    static final String CONSUMER = "metering-billing-clients";

    @Inject
    Pool pool;

    @Inject
    ObjectMapper json;

    @Incoming("billing-events")
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
        return pool.withTransaction(tx -> ProcessedEvents.firstTime(tx, CONSUMER, eventId).chain(first -> !first
                ? Uni.createFrom().voidItem()
                : tx.preparedQuery("INSERT INTO billing_client (client_id, external_id, enabled, revision) "
                        + "VALUES ($1, $2, $3, $4) ON CONFLICT (client_id) DO UPDATE SET external_id = excluded"
                        + ".external_id, enabled = excluded.enabled, revision = excluded.revision "
                        + "WHERE billing_client.revision < excluded.revision")
                        .execute(Tuple.of(client.id(), client.externalId(), client.enabled(), client.revision()))
                        .replaceWithVoid()));
    }
}
