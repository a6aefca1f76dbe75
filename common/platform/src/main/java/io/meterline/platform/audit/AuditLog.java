package io.meterline.platform.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.meterline.platform.security.Actor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** Writes audit rows. Always on the connection of the change's own transaction, so both commit or neither does. */
@ApplicationScoped
public class AuditLog {

    @Inject
    ObjectMapper json;

    public Uni<Void> record(SqlConnection tx, Actor actor, String action, String table, Object recordId,
            Object oldValues, Object newValues) {
        return tx.preparedQuery("INSERT INTO audit_log (actor, actor_type, action, table_name, record_id, old_values, "
                + "new_values) VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7::text::jsonb)")
                .execute(Tuple.tuple(java.util.List.of(actor.id(), actor.type(), action, table, String.valueOf(recordId)))
                        .addValue(toJson(oldValues)).addValue(toJson(newValues)))
                .replaceWithVoid();
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
