package io.meterline.platform.outbox;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Announces a state change on Kafka by writing it to the outbox in the change's own transaction; {@link OutboxRelay}
 * sends it. Never send to Kafka directly after a commit: a crash between the two would lose the event.
 */
@ApplicationScoped
public class Outbox {

    @Inject
    ObjectMapper json;

    /** Adds an event; returns its CloudEvents id, which consumers use to apply it once. */
    public Uni<UUID> add(SqlConnection tx, String topic, String key, String type, String subject, Object payload) {
        UUID eventId = UUID.randomUUID();
        String body;
        try {
            body = json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("Cannot write the event as JSON", e));
        }
        return tx.preparedQuery("INSERT INTO outbox (event_id, topic, record_key, event_type, subject, payload) "
                + "VALUES ($1, $2, $3, $4, $5, $6::text::jsonb)")
                .execute(Tuple.of(eventId, topic, key, type, subject, body))
                .replaceWith(eventId);
    }
}
