package io.meterline.platform.outbox;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.hibernate.reactive.mutiny.Mutiny;

import io.meterline.platform.db.NativeStatements;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Announces a state change on Kafka by writing it to the outbox in the change's own transaction; {@link OutboxRelay}
 * sends it. Never send to Kafka directly after a commit: a crash between the two would lose the event.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT = "INSERT INTO outbox (event_id, topic, record_key, event_type, subject, "
            + "payload) VALUES ($1, $2, $3, $4, $5, CAST(CAST($6 AS text) AS jsonb))";

    @Inject
    ObjectMapper json;

    /** Adds an event; returns its CloudEvents id, which consumers use to apply it once. */
    public Uni<UUID> add(SqlConnection tx, String topic, String key, String type, String subject, Object payload) {
        UUID eventId = UUID.randomUUID();
        return Uni.createFrom().item(() -> Tuple.of(eventId, topic, key, type, subject, body(payload)))
                .chain(values -> tx.preparedQuery(INSERT).execute(values)).replaceWith(eventId);
    }

    /** The same, in a Hibernate Reactive session's transaction (services built on Panache entities). */
    public Uni<UUID> add(Mutiny.Session session, String topic, String key, String type, String subject,
            Object payload) {
        UUID eventId = UUID.randomUUID();
        return Uni.createFrom().item(() -> new Object[] { eventId, topic, key, type, subject, body(payload) })
                .chain(values -> NativeStatements.execute(session, INSERT, values)).replaceWith(eventId);
    }

    private String body(Object payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the event as JSON", e);
        }
    }
}
