package io.meterline.projection.state;

import static io.meterline.platform.messaging.CloudEventRecords.header;
import static io.meterline.platform.messaging.CloudEventRecords.where;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.meterline.platform.messaging.ProcessedEvents;
import io.meterline.projection.health.DeadLetters;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * How projection's per-event consumers apply a CloudEvent: read it (a record that cannot be read is counted and
 * thrown, for the channel's dead-letter topic), then apply its effect once, in one transaction with the record of
 * its id.
 */
@ApplicationScoped
public class AppliedOnce {

    /** What a readable event does to the database; null for an event this consumer does not use. */
    public interface Reader {
        Function<SqlConnection, Uni<Void>> effect(ConsumerRecord<String, String> record, String type);
    }

    @Inject
    Pool pool;

    @Inject
    DeadLetters deadLetters;

    public Uni<Void> apply(String channel, String consumer, ConsumerRecord<String, String> record, Reader reader) {
        String id = header(record, "ce_id");
        Function<SqlConnection, Uni<Void>> effect;
        try {
            if (id == null) {
                throw new IllegalArgumentException(where(record) + " has no ce_id header");
            }
            String type = header(record, "ce_type");
            if (type == null) {
                throw new IllegalArgumentException(where(record) + " has no ce_type header");
            }
            effect = reader.effect(record, type);
        } catch (IllegalArgumentException e) {
            deadLetters.record(channel, record, e.getMessage());
            throw e;
        }
        if (effect == null) {
            return Uni.createFrom().voidItem();
        }
        return pool.withTransaction(tx -> ProcessedEvents.firstTime(tx, consumer, id)
                .chain(first -> first ? effect.apply(tx) : Uni.createFrom().voidItem()));
    }
}
