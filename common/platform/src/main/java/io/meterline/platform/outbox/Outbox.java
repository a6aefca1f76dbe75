package io.meterline.platform.outbox;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
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

    private static final String INSERT_ALL = "INSERT INTO outbox (event_id, topic, record_key, event_type, subject, "
            + "payload) SELECT e, t, k, y, s, p::jsonb FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], "
            + "?::text[], ?::text[]) AS u(e, t, k, y, s, p)";

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

    /**
     * The same, in a JDBC transaction (metering's ingest writer, which works in JDBC for COPY): many events in one
     * statement.
     */
    public void addAll(java.sql.Connection tx, List<Announcement> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        int n = events.size();
        UUID[] ids = new UUID[n];
        String[][] columns = new String[5][n];
        for (int i = 0; i < n; i++) {
            Announcement a = events.get(i);
            ids[i] = UUID.randomUUID();
            columns[0][i] = a.topic();
            columns[1][i] = a.key();
            columns[2][i] = a.type();
            columns[3][i] = a.subject();
            columns[4][i] = body(a.payload());
        }
        try (PreparedStatement s = tx.prepareStatement(INSERT_ALL)) {
            s.setArray(1, tx.createArrayOf("uuid", ids));
            for (int col = 0; col < 5; col++) {
                s.setArray(col + 2, tx.createArrayOf("text", columns[col]));
            }
            s.executeUpdate();
        }
    }

    private String body(Object payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the event as JSON", e);
        }
    }
}
