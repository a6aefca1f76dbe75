package io.meterline.metering.suppressions;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Suppression rules in the metering database. */
/**
 * The ingest path's side of the suppression table: the rules it caches, and the counts of what they dropped. SQL on
 * the reactive pool, outside any Hibernate session: it runs from a timer, next to ingest. Admin changes go through
 * {@link SuppressionService} and the entity.
 */
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

    /** Adds dropped counts, one (rule id, count) pair per tuple, in one round trip. */
    public Uni<Void> addDropped(SqlClient db, List<Tuple> increments) {
        return db.preparedQuery("UPDATE suppression SET dropped_count = dropped_count + $2 WHERE id = $1")
                .executeBatch(increments).replaceWithVoid();
    }

    private static SuppressionRule read(Row row) {
        return new SuppressionRule(row.getUUID("id"), row.getString("pattern"), row.getString("target"),
                row.getString("reason"), row.getLong("dropped_count"), row.getOffsetDateTime("created_at"));
    }
}
