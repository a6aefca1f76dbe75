package io.meterline.metering.apikeys;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** API keys in the metering database: hashes only. */
@ApplicationScoped
public class ApiKeyRepository {

    private static final String COLUMNS = "id, name, role, customer, key_prefix, enabled, revoked_at, created_at, "
            + "last_used_at";

    public Uni<List<ApiKey>> all(SqlClient db) {
        return db.query("SELECT " + COLUMNS + " FROM api_key ORDER BY created_at, id").execute().map(rows -> {
            List<ApiKey> keys = new ArrayList<>();
            rows.forEach(row -> keys.add(read(row)));
            return keys;
        });
    }

    public Uni<ApiKey> find(SqlClient db, UUID id, boolean forUpdate) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM api_key WHERE id = $1" + (forUpdate ? " FOR UPDATE" : ""))
                .execute(Tuple.of(id)).map(rows -> rows.iterator().hasNext() ? read(rows.iterator().next()) : null);
    }

    public Uni<ApiKey> findByHash(SqlClient db, String hash) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM api_key WHERE key_hash = $1").execute(Tuple.of(hash))
                .map(rows -> rows.iterator().hasNext() ? read(rows.iterator().next()) : null);
    }

    public Uni<ApiKey> insert(SqlClient db, UUID id, ApiKeyRequest r, String hash, String prefix) {
        return db.preparedQuery("INSERT INTO api_key (id, name, role, customer, key_hash, key_prefix) "
                + "VALUES ($1, $2, $3, $4, $5, $6) RETURNING " + COLUMNS)
                .execute(Tuple.of(id, r.name().trim(), r.role(), r.customer(), hash, prefix))
                .map(rows -> read(rows.iterator().next()));
    }

    public Uni<ApiKey> setEnabled(SqlClient db, UUID id, boolean enabled) {
        return db.preparedQuery("UPDATE api_key SET enabled = $2 WHERE id = $1 RETURNING " + COLUMNS)
                .execute(Tuple.of(id, enabled)).map(rows -> read(rows.iterator().next()));
    }

    public Uni<ApiKey> revoke(SqlClient db, UUID id) {
        return db.preparedQuery("UPDATE api_key SET revoked_at = coalesce(revoked_at, now()), enabled = false "
                + "WHERE id = $1 RETURNING " + COLUMNS).execute(Tuple.of(id)).map(rows -> read(rows.iterator().next()));
    }

    /** Records when keys were last used, in one round trip for many keys. */
    public Uni<Void> touch(SqlClient db, Map<UUID, Instant> lastUsed) {
        List<Tuple> batch = new ArrayList<>();
        lastUsed.forEach((id, at) -> batch.add(Tuple.of(id, at.atOffset(ZoneOffset.UTC))));
        return db.preparedQuery("UPDATE api_key SET last_used_at = greatest(coalesce(last_used_at, $2), $2) WHERE id = $1")
                .executeBatch(batch).replaceWithVoid();
    }

    private static ApiKey read(Row row) {
        return new ApiKey(row.getUUID("id"), row.getString("name"), row.getString("role"), row.getString("customer"),
                row.getString("key_prefix"), row.getBoolean("enabled"), row.getOffsetDateTime("revoked_at"),
                row.getOffsetDateTime("created_at"), row.getOffsetDateTime("last_used_at"));
    }
}
