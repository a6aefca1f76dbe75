package io.meterline.metering.suppressions;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Suppression rules in the metering database. */
@ApplicationScoped
public class SuppressionRepository {

    private static final String COLUMNS = "id, pattern, target, reason, dropped_count, created_at";

    public Uni<List<SuppressionRule>> all(SqlClient db) {
        return db.query("SELECT " + COLUMNS + " FROM suppression ORDER BY created_at, id").execute().map(rows -> {
            List<SuppressionRule> rules = new ArrayList<>();
            rows.forEach(row -> rules.add(read(row)));
            return rules;
        });
    }

    public Uni<SuppressionRule> find(SqlClient db, UUID id) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM suppression WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? read(rows.iterator().next()) : null);
    }

    public Uni<SuppressionRule> insert(SqlClient db, UUID id, SuppressionRequest r) {
        return db.preparedQuery("INSERT INTO suppression (id, pattern, target, reason) VALUES ($1, $2, $3, $4) "
                + "RETURNING " + COLUMNS).execute(Tuple.of(id, r.pattern(), r.target(), r.reason().trim()))
                .map(rows -> read(rows.iterator().next()));
    }

    public Uni<Void> delete(SqlClient db, UUID id) {
        return db.preparedQuery("DELETE FROM suppression WHERE id = $1").execute(Tuple.of(id)).replaceWithVoid();
    }

    private static SuppressionRule read(Row row) {
        return new SuppressionRule(row.getUUID("id"), row.getString("pattern"), row.getString("target"),
                row.getString("reason"), row.getLong("dropped_count"), row.getOffsetDateTime("created_at"));
    }
}
