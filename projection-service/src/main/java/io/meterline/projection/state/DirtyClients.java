package io.meterline.projection.state;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.meterline.projection.ProjectionConfig;
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
 *
 * <p>A client taken rests for the debounce: a change meanwhile is marked at once but taken only when the rest ends, so
 * a client with usage in every batch is recomputed once per debounce, not by every drain, while a client quiet for a
 * debounce is recomputed as soon as its usage comes. Routine marks and marks put back after a failed chunk are due at
 * once: a full recompute takes every client.
 */
@ApplicationScoped
public class DirtyClients {

    @Inject
    ProjectionConfig config;

    /** A marked client and since when its projection has been behind (its earliest change not yet recomputed). */
    public record Mark(String customer, Instant since) {
    }

    /** The set-based form of {@link #mark}: UsageWriter marks a batch's clients in its own statement with it. */
    public static final String MARK_CHANGED = "ON CONFLICT (customer) DO UPDATE SET routine = false, changed_at = "
            + "excluded.changed_at WHERE dirty_customer.routine OR dirty_customer.changed_at IS NULL";

    /** Marks a client whose usage or terms changed. */
    public Uni<Void> mark(SqlClient tx, String customer) {
        return tx.preparedQuery("INSERT INTO dirty_customer (customer, changed_at) VALUES ($1, now()) "
                + MARK_CHANGED).execute(Tuple.of(customer)).replaceWithVoid();
    }

    /** Marks many at once as changed and due now, resting or not (the clients of a chunk that failed). */
    public Uni<Void> markAll(SqlClient tx, List<String> customers) {
        return tx.preparedQuery("INSERT INTO dirty_customer (customer, changed_at) SELECT DISTINCT customer, now() "
                + "FROM unnest($1::text[]) AS c(customer) ORDER BY customer ON CONFLICT (customer) DO UPDATE SET "
                + "routine = false, "
                + "changed_at = coalesce(dirty_customer.changed_at, excluded.changed_at), due_at = '-infinity'")
                .execute(Tuple.of((Object) customers.toArray(String[]::new))).replaceWithVoid();
    }

    /**
     * A routine mark of every client, due now, resting or not: the schedule (a projection moves with time), a catalog
     * change. A client marked already keeps its mark and its place. Each customer once (two replica rows may share one
     * while billing renames a client) and in customer order, as a usage batch takes the same rows: the two wait for
     * each other, never deadlock.
     */
    public Uni<Void> markAll(SqlClient tx) {
        return tx.query("INSERT INTO dirty_customer (customer, changed_at, routine) SELECT DISTINCT customer, now(), "
                + "true FROM replica WHERE kind = 'CLIENT' AND customer IS NOT NULL ORDER BY customer "
                + "ON CONFLICT (customer) DO UPDATE SET "
                + "routine = dirty_customer.routine OR dirty_customer.changed_at IS NULL, "
                + "changed_at = coalesce(dirty_customer.changed_at, excluded.changed_at), due_at = '-infinity'")
                .execute().replaceWithVoid();
    }

    /**
     * Forgets the clients with no mark whose rest ended before {@code before}: they would be taken at once. A row a
     * usage batch is marking meanwhile is skipped, not waited for.
     */
    public Uni<Integer> forgetRested(SqlClient client, Instant before) {
        return client.preparedQuery("DELETE FROM dirty_customer WHERE customer = ANY (ARRAY(SELECT customer FROM "
                + "dirty_customer WHERE changed_at IS NULL AND due_at < $1 FOR UPDATE SKIP LOCKED))")
                .execute(Tuple.of(before.atOffset(ZoneOffset.UTC))).map(rows -> rows.rowCount());
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

    /**
     * Takes up to {@code limit} due marks, changes first, oldest first, and rests their clients for the debounce, in
     * one statement (no transaction of its own).
     */
    public Uni<Taken> take(SqlClient client, int limit) {
        // The pick is a CTE, so it is evaluated once: as an IN (...) sub-query with SKIP LOCKED, PostgreSQL may run it
        // again for the outer rows and take far more than the limit. The update finds the picked rows by key (= ANY of
        // an array): joined to the CTE, it scanned the whole, churning table once per take or even per picked row. The
        // final join is of the two small CTEs: it gives each taken mark its time from before the update.
        return client.preparedQuery("WITH picked AS (SELECT customer, changed_at FROM dirty_customer "
                + "WHERE changed_at IS NOT NULL AND greatest(changed_at, due_at) <= now() "
                + "ORDER BY routine, greatest(changed_at, due_at) LIMIT $1 FOR UPDATE SKIP LOCKED), "
                + "rested AS (UPDATE dirty_customer d SET changed_at = NULL, routine = false, "
                + "due_at = now() + $2 * interval '1 millisecond' "
                + "WHERE d.customer = ANY (ARRAY(SELECT customer FROM picked)) RETURNING d.customer) "
                + "SELECT p.customer, p.changed_at, now() FROM picked p JOIN rested r ON r.customer = p.customer")
                .execute(Tuple.of(limit, config.recompute().debounce().toMillis()))
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
