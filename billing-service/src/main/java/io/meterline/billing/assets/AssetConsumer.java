package io.meterline.billing.assets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.meterline.contracts.assets.AssetChanged;
import io.meterline.platform.messaging.CloudEventRecords;
import io.meterline.platform.messaging.ProcessedEvents;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Keeps billing's copy of metering's assets from {@code meterline.metering.assets}, each event applied once. Events
 * of one asset share its key, so they arrive in order and the latest state wins. A record that cannot be read goes to
 * the channel's dead-letter topic.
 */
@ApplicationScoped
public class AssetConsumer {

    static final String CONSUMER = "billing-assets";

    @Inject
    ObjectMapper json;

    @Incoming("assets")
    @WithTransaction
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        String id = CloudEventRecords.header(record, "ce_id");
        if (id == null) {
            throw new IllegalArgumentException("Not an asset CloudEvent: " + CloudEventRecords.where(record)
                    + " has no ce_id");
        }
        AssetChanged event = CloudEventRecords.payload(json, record, AssetChanged.class);
        return Panache.getSession()
                .chain(session -> ProcessedEvents.firstTime(session, CONSUMER, id))
                .chain(first -> !first ? Uni.createFrom().voidItem() : Asset.<Asset> findById(event.id())
                        .chain(found -> {
                            Asset asset = found != null ? found : new Asset();
                            asset.id = event.id();
                            asset.name = event.name();
                            asset.source = event.source();
                            asset.client = event.client();
                            asset.enabled = event.enabled();
                            asset.disregarded = event.disregarded();
                            asset.lastSeen = event.lastSeen();
                            return asset.persist().replaceWithVoid();
                        }));
    }
}
