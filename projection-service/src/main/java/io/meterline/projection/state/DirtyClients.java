package io.meterline.projection.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The debounce queue of recomputes: a change to a client's usage or terms marks the client (by its customer id, the
 * {@code customer} on usage events); the recompute job takes the marks in chunks.
 *
 * <p>Clients whose own usage or terms changed come first, oldest mark first; routine marks (the schedule, a catalog
 * change re-rating everyone) come after them, so re-rating every client never holds up fresh usage. A mark keeps the
 * time of its first change: a client changing on every batch is not pushed back behind the others, and a mark's age
 * is how stale the projection is. A change to a client with a routine mark makes it a change, from now.
 */
@ApplicationScoped
public class DirtyClients {

    /** A marked client and since when its projection has been behind (its earliest change not yet recomputed). */
    public record Mark(String customer, Instant since) {
    }

    /** The set-based form of {@link #mark}: UsageWriter marks a batch's clients in its own statement with it. */
    public static final String MARK_CHANGED = "ON CONFLICT (customer) DO UPDATE SET routine = false, changed_at = "
            + "excluded.changed_at WHERE dirty_customer.routine";

    /** Marks a client whose usage or terms changed. */
    public Uni<Void> mark(SqlClient tx, String customer) {
        return tx.preparedQuery("INSERT INTO dirty_customer (customer, changed_at) VALUES ($1, now()) "
                + MARK_CHANGED).execute(Tuple.of(customer)).replaceWithVoid();
    }

    /** Marks many at once as changed (the clients of a chunk that failed). */
    public Uni<Void> markAll(SqlClient tx, List<String> customers) {
        return tx.preparedQuery("INSERT INTO dirty_customer (customer, changed_at) SELECT customer, now() FROM "
                + "unnest($1::text[]) AS c(customer) " + MARK_CHANGED)
                .execute(Tuple.of((Object) customers.toArray(String[]::new))).replaceWithVoid();
    }

    /** A routine mark of every client: the schedule (a projection moves with time), a catalog change. */
    public Uni<Void> markAll(SqlClient tx) {
        return tx.query("INSERT INTO dirty_customer (customer, changed_at, routine) SELECT customer, now(), true "
                + "FROM replica WHERE kind = 'CLIENT' ON CONFLICT (customer) DO NOTHING").execute()
                .replaceWithVoid();
    }

    /**
     * Marks taken together: the customers to recompute now, and the database time they were taken (their inputs are at
     * least as new; see ProjectionWriter).
     */
    public record Taken(List<Mark> marks, Instant at) {

        public List<String> customers() {
            return marks.stream().map(Mark::customer).toList();
        }
    }

    /** Takes up to {@code limit} marks, changes first, oldest first, in one statement (no transaction of its own). */
    public Uni<Taken> take(SqlClient client, int limit) {
        // The pick is a CTE, so it is evaluated once: as an IN (...) sub-query with SKIP LOCKED, PostgreSQL may run it
        // again for the outer rows and take far more than the limit. The delete finds the picked rows by key (= ANY of
        // an array): joined to the CTE, it scanned the whole, churning table once per take or even per picked row.
        return client.preparedQuery("WITH picked AS (SELECT customer FROM dirty_customer ORDER BY routine, changed_at "
                + "LIMIT $1 FOR UPDATE SKIP LOCKED) DELETE FROM dirty_customer d "
                + "WHERE d.customer = ANY (ARRAY(SELECT customer FROM picked)) "
                + "RETURNING d.customer, d.changed_at, now()")
                .execute(Tuple.of(limit))
                .map(rows -> {
                    List<Mark> out = new ArrayList<>();
                    Instant at = null;
                    for (var row : rows) {
                        out.add(new Mark(row.getString(0), row.getOffsetDateTime(1).toInstant()));
                        at = row.getOffsetDateTime(2).toInstant();
                    }
                    return new Taken(out, at);
                });
    }
}
