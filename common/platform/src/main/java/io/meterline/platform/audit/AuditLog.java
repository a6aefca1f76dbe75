package io.meterline.platform.audit;

import java.util.Arrays;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.hibernate.reactive.mutiny.Mutiny;

import io.meterline.platform.db.NativeStatements;
import io.meterline.platform.security.Actor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** Writes audit rows. Always on the connection of the change's own transaction, so both commit or neither does. */
@ApplicationScoped
public class AuditLog {

    @Inject
    ObjectMapper json;

    private static final String INSERT = "INSERT INTO audit_log (actor, actor_type, action, table_name, record_id, "
            + "old_values, new_values) VALUES ($1, $2, $3, $4, $5, CAST(CAST($6 AS text) AS jsonb), "
            + "CAST(CAST($7 AS text) AS jsonb))";

    public Uni<Void> record(SqlConnection tx, Actor actor, String action, String table, Object recordId,
            Object oldValues, Object newValues) {
        return tx.preparedQuery(INSERT).execute(Tuple.from(Arrays.asList(values(actor, action, table, recordId, oldValues,
                newValues))))
                .replaceWithVoid();
    }

    /** The same, in a Hibernate Reactive session's transaction (services built on Panache entities). */
    public Uni<Void> record(Mutiny.Session session, Actor actor, String action, String table, Object recordId,
            Object oldValues, Object newValues) {
        return NativeStatements.execute(session, INSERT, values(actor, action, table, recordId, oldValues, newValues));
    }

    private Object[] values(Actor actor, String action, String table, Object recordId, Object oldValues,
            Object newValues) {
        return new Object[] { actor.id(), actor.type(), action, table, String.valueOf(recordId), toJson(oldValues),
                toJson(newValues) };
    }

    private String toJson(Object values) {
        if (values == null) {
            return null;
        }
        try {
            return json.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write audit values as JSON", e);
        }
    }
}
