package io.meterline.projection.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Projection's copy of billing's and pricing's records: the latest revision of each, kept as its versioned contract
 * payload. The consumers write it in their transaction (with the event's id, so each applies once); an older
 * revision never overwrites a newer one.
 */
@ApplicationScoped
public class Replicas {

    @Inject
    Pool pool;

    @Inject
    ObjectMapper json;

    /** Stores a record unless a later revision is already there; says whether it was stored. */
    public Uni<Boolean> put(SqlClient tx, ReplicaKind kind, String id, long revision, UUID client, String customer,
            Object payload) {
        return tx.preparedQuery("INSERT INTO replica (kind, id, revision, client, customer, payload) VALUES ($1, $2, "
                + "$3, $4, $5, $6) ON CONFLICT (kind, id) DO UPDATE SET revision = excluded.revision, client = "
                + "excluded.client, customer = excluded.customer, payload = excluded.payload "
                + "WHERE replica.revision < excluded.revision")
                .execute(Tuple.from(java.util.Arrays.asList(kind.name(), id, revision, client, customer,
                        write(payload))))
                .map(rows -> rows.rowCount() == 1);
    }

    public <T> Uni<List<T>> all(ReplicaKind kind, Class<T> type) {
        return pool.preparedQuery("SELECT payload FROM replica WHERE kind = $1").execute(Tuple.of(kind.name()))
                .map(rows -> read(rows, type));
    }

    /** Every record of these kinds, in one read (the catalog a recompute rates with). */
    public Uni<ByKind> ofKinds(ReplicaKind... kinds) {
        String[] names = java.util.Arrays.stream(kinds).map(ReplicaKind::name).toArray(String[]::new);
        return pool.preparedQuery("SELECT kind, payload FROM replica WHERE kind = ANY ($1)")
                .execute(Tuple.of((Object) names)).map(this::byKind);
    }

    /** Every billing record (client, buckets, subscriptions) of the clients with these customer ids, in one read. */
    public Uni<ByKind> ofCustomers(Collection<String> customers) {
        return pool.preparedQuery("SELECT kind, payload FROM replica WHERE customer = ANY ($1)")
                .execute(Tuple.of((Object) customers.toArray(String[]::new))).map(this::byKind);
    }

    private ByKind byKind(Iterable<Row> rows) {
        java.util.Map<ReplicaKind, List<String>> byKind = new java.util.EnumMap<>(ReplicaKind.class);
        for (Row row : rows) {
            byKind.computeIfAbsent(ReplicaKind.valueOf(row.getString(0)), k -> new ArrayList<>())
                    .add(row.getString(1));
        }
        return new ByKind(byKind);
    }

    /** Payloads read together, parsed by kind on demand. */
    public final class ByKind {
        private final java.util.Map<ReplicaKind, List<String>> payloads;

        ByKind(java.util.Map<ReplicaKind, List<String>> payloads) {
            this.payloads = payloads;
        }

        public <T> List<T> get(ReplicaKind kind, Class<T> type) {
            List<T> out = new ArrayList<>();
            for (String payload : payloads.getOrDefault(kind, List.of())) {
                out.add(parse(payload, type));
            }
            return out;
        }
    }

    public <T> Uni<T> one(ReplicaKind kind, String id, Class<T> type) {
        return pool.preparedQuery("SELECT payload FROM replica WHERE kind = $1 AND id = $2")
                .execute(Tuple.of(kind.name(), id))
                .map(rows -> rows.size() == 0 ? null : read(rows, type).get(0));
    }

    private <T> List<T> read(Iterable<Row> rows, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Row row : rows) {
            out.add(parse(row.getString(0), type));
        }
        return out;
    }

    private <T> T parse(String payload, Class<T> type) {
        try {
            return json.readValue(payload, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored " + type.getSimpleName() + " cannot be read", e);
        }
    }

    private String write(Object payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
