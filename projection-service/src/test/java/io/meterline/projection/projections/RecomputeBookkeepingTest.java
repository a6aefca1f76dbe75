package io.meterline.projection.projections;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.meterline.projection.ProjectionTest;
import io.meterline.projection.state.DirtyClients;
import io.meterline.rating.periods.BillingPeriod;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The recompute's bookkeeping on the real database: which marks a chunk takes, and how a chunk's save treats a
 * newer save of the same client (drains overlap: parallel drains, several replicas).
 */
@QuarkusTest
@ProjectionTest
class RecomputeBookkeepingTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    DirtyClients dirty;

    @Inject
    ProjectionWriter writer;

    @Inject
    Pool pool;

    @Test
    void aChunkTakesAtMostItsLimitOldestFirstAndAMarkKeepsItsFirstTime() {
        String prefix = "take-" + UUID.randomUUID() + "-";
        Instant base = Instant.parse("2020-01-01T00:00:00Z");
        // In a transaction rolled back at the end: the running recompute never sees these marks.
        DirtyClients.Taken taken = rolledBack(tx -> {
            Uni<Void> marks = Uni.createFrom().voidItem();
            for (int i = 0; i < 30; i++) {
                String customer = prefix + i;
                Instant at = base.plus(30 - i, ChronoUnit.MINUTES); // the last marked is the oldest
                marks = marks.chain(() -> tx.preparedQuery("INSERT INTO dirty_customer (customer, changed_at) "
                        + "VALUES ($1, $2)").execute(Tuple.of(customer, at.atOffset(ZoneOffset.UTC)))
                        .replaceWithVoid());
            }
            // Usage arriving again for a marked client leaves its first time: it keeps its place in the queue.
            return marks.chain(() -> dirty.mark(tx, prefix + 29)).chain(() -> dirty.take(tx, 10));
        });

        assertThat(taken.marks()).hasSize(10);
        assertThat(taken.customers()).containsExactlyInAnyOrderElementsOf(
                List.of(29, 28, 27, 26, 25, 24, 23, 22, 21, 20).stream().map(i -> prefix + i).toList());
        assertThat(taken.marks()).filteredOn(m -> m.customer().equals(prefix + 29)).singleElement()
                .extracting(DirtyClients.Mark::since).isEqualTo(base.plus(1, ChronoUnit.MINUTES));
        assertThat(taken.at()).isAfter(base);
    }

    @Test
    void clientsWhoseUsageChangedGoBeforeRoutineMarksAndAChangeMakesARoutineMarkAChange() {
        String prefix = "routine-" + UUID.randomUUID() + "-";
        Instant base = Instant.parse("2020-01-01T00:00:00Z");
        List<Object> seen = rolledBack(tx -> insertMark(tx, prefix + "r1", base, true)
                .chain(() -> insertMark(tx, prefix + "r2", base.plusSeconds(60), true))
                .chain(() -> insertMark(tx, prefix + "c1", base.plusSeconds(300), false))
                // Usage for r2: from now on it is a change, no longer a routine re-rate.
                .chain(() -> dirty.mark(tx, prefix + "r2"))
                .chain(() -> dirty.take(tx, 1))
                .chain(taken -> tx.preparedQuery("SELECT routine, changed_at FROM dirty_customer WHERE customer = $1")
                        .execute(Tuple.of(prefix + "r2")).map(rows -> {
                            Row r2 = rows.iterator().next();
                            return List.of(taken.customers(), r2.getBoolean(0),
                                    r2.getOffsetDateTime(1).toInstant());
                        })));

        assertThat(seen.get(0)).isEqualTo(List.of(prefix + "c1")); // older routine marks wait
        assertThat(seen.get(1)).isEqualTo(false);
        assertThat((Instant) seen.get(2)).isAfter(base.plus(1, ChronoUnit.DAYS));
    }

    @Test
    void aTakenClientRestsForTheDebounceButAFailedChunksAndRoutineMarksAreDueAtOnce() {
        String busy = "rest-" + UUID.randomUUID();
        String quiet = "rest-" + UUID.randomUUID();
        // now() is the transaction's start throughout: a rest ends here by moving its end back, not by waiting.
        List<List<String>> takes = rolledBack(tx -> {
            List<List<String>> out = new ArrayList<>();
            return insertMark(tx, busy, Instant.parse("2020-01-01T00:00:00Z"), false)
                    .chain(() -> takeInto(tx, out))
                    .chain(() -> dirty.mark(tx, busy)).chain(() -> dirty.mark(tx, quiet))
                    .chain(() -> takeInto(tx, out))
                    .chain(() -> restEnds(tx, busy))
                    .chain(() -> takeInto(tx, out))
                    .chain(() -> dirty.mark(tx, busy)).chain(() -> dirty.markAll(tx, List.of(busy)))
                    .chain(() -> takeInto(tx, out))
                    .chain(() -> dirty.mark(tx, busy))
                    // Two replica rows with one customer (as while billing renames a client): marked once.
                    .chain(() -> tx.preparedQuery("INSERT INTO replica (kind, id, revision, customer, payload) "
                            + "VALUES ('CLIENT', $1, 1, $1, '{}'), ('CLIENT', $1 || '-renamed', 1, $1, '{}'), "
                            + "('CLIENT', $2, 1, $2, '{}')").execute(Tuple.of(busy, quiet)))
                    .chain(() -> dirty.markAll(tx))
                    .chain(() -> tx.preparedQuery("SELECT customer, routine FROM dirty_customer WHERE customer "
                            + "IN ($1, $2) ORDER BY customer = $1 DESC").execute(Tuple.of(busy, quiet))
                            .invoke(rows -> rows.forEach(r -> out.add(List.of(r.getString(0),
                                    r.getBoolean(1).toString())))))
                    .chain(() -> takeInto(tx, out))
                    .map(done -> out);
        });

        assertThat(takes.get(0)).contains(busy);
        // Marked again while it rests: the mark waits; a client with no rest is taken at once.
        assertThat(takes.get(1)).contains(quiet).doesNotContain(busy);
        assertThat(takes.get(2)).contains(busy);
        // Put back after a failed chunk: due at once, resting or not.
        assertThat(takes.get(3)).contains(busy);
        // A routine mark of every client (the schedule, a full recompute) makes every resting client due at once: one
        // with a mark keeps it as a change, one with none gets a routine mark.
        assertThat(takes.get(4)).containsExactly(busy, "false");
        assertThat(takes.get(5)).containsExactly(quiet, "true");
        assertThat(takes.get(6)).contains(busy, quiet);
    }

    @Test
    void aClientWithNoMarkIsForgottenAnHourAfterItsRestButAMarkedOneNever() {
        String prefix = "forget-" + UUID.randomUUID() + "-";
        Instant longAgo = Instant.parse("2020-01-01T00:00:00Z");
        List<String> kept = rolledBack(tx -> rest(tx, prefix + "idle", null, longAgo)
                .chain(() -> rest(tx, prefix + "marked", longAgo, longAgo))
                .chain(() -> rest(tx, prefix + "resting", null, Instant.now().plusSeconds(60)))
                .chain(() -> dirty.forgetRested(tx, Instant.now().minus(Duration.ofHours(1))))
                .chain(() -> tx.preparedQuery("SELECT customer FROM dirty_customer WHERE customer LIKE $1 || '%' "
                        + "ORDER BY customer").execute(Tuple.of(prefix)))
                .map(rows -> {
                    List<String> customers = new ArrayList<>();
                    rows.forEach(r -> customers.add(r.getString(0).substring(prefix.length())));
                    return customers;
                }));

        assertThat(kept).containsExactly("marked", "resting");
    }

    private static Uni<Void> rest(SqlClient tx, String customer, Instant changedAt, Instant dueAt) {
        return tx.preparedQuery("INSERT INTO dirty_customer (customer, changed_at, due_at) VALUES ($1, $2, $3)")
                .execute(Tuple.of(customer, changedAt == null ? null : changedAt.atOffset(ZoneOffset.UTC),
                        dueAt.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    private Uni<Void> takeInto(SqlClient tx, List<List<String>> out) {
        return dirty.take(tx, 1000).invoke(taken -> out.add(taken.customers())).replaceWithVoid();
    }

    /** Ends a client's rest, as the debounce passing would. */
    private static Uni<Void> restEnds(SqlClient tx, String customer) {
        return tx.preparedQuery("UPDATE dirty_customer SET due_at = now() - interval '1 millisecond' "
                + "WHERE customer = $1").execute(Tuple.of(customer)).replaceWithVoid();
    }

    private static Uni<Void> insertMark(SqlClient tx, String customer, Instant at, boolean routine) {
        return tx.preparedQuery("INSERT INTO dirty_customer (customer, changed_at, routine) VALUES ($1, $2, $3)")
                .execute(Tuple.of(customer, at.atOffset(ZoneOffset.UTC), routine)).replaceWithVoid();
    }

    @Test
    void anOlderRecomputeNeverOverwritesANewerOneAndUnchangedLinesAreNotWritten() {
        UUID client = UUID.randomUUID();
        UUID bucket = UUID.randomUUID();
        UUID ended = UUID.randomUUID();
        Instant t1 = Instant.parse("2026-11-10T10:00:00Z");
        Instant t2 = t1.plusSeconds(1);
        Instant t3 = t1.plusSeconds(2);
        try {
            await(writer.save(List.of(projection(client, t2, line(bucket, "12"), line(ended, "3"))), t2));
            // A recompute that took the client's mark earlier finishes later: it changes nothing.
            await(writer.save(List.of(projection(client, t3, line(bucket, "11"))), t1));
            assertThat(usage(client)).containsExactlyInAnyOrderEntriesOf(Map.of("bucket:" + bucket, "12",
                    "bucket:" + ended, "3"));
            assertThat(calculatedAt(client)).isEqualTo(t2);

            // A newer one replaces it: the ended bucket's line goes, the unchanged line keeps when it last changed.
            await(writer.save(List.of(projection(client, t3, line(bucket, "12"))), t3));
            assertThat(usage(client)).containsExactlyEntriesOf(Map.of("bucket:" + bucket, "12"));
            assertThat(calculatedAt(client)).isEqualTo(t3);
            assertThat(changedAt(client, "bucket:" + bucket)).isEqualTo(t2);
        } finally {
            await(writer.forget(List.of("order-" + client)));
        }
    }

    @Test
    void aLineKeepsItsShareOfTheProjectedPlanDiscount() {
        UUID client = UUID.randomUUID();
        UUID bucket = UUID.randomUUID();
        Instant start = Instant.parse("2026-11-01T00:00:00Z");
        Instant end = Instant.parse("2026-12-01T00:00:00Z");
        BigDecimal zero = BigDecimal.ZERO;
        ProjectionLine base = line(bucket, "40");
        ProjectionLine gpt = charge("gpt-4o", "30");
        ProjectionLine small = charge("small", "10");
        // The lines bill 80; the plan takes 8 off its charges (40): 6 from gpt-4o's 30, 2 from small's 10.
        ClientProjection discounted = new ClientProjection(client, "order-" + client, "USD",
                new BillingPeriod(start, end, start, end), List.of(base, gpt, small), zero, zero,
                new BigDecimal("72"), zero, start);
        try {
            await(writer.save(List.of(discounted), start));
            Map<String, String> revenues = new java.util.TreeMap<>();
            for (Row r : await(pool.preparedQuery("SELECT line, projected_revenue FROM projection WHERE client_id = $1")
                    .execute(Tuple.of(client)))) {
                revenues.put(r.getString(0), r.getBigDecimal(1).stripTrailingZeros().toPlainString());
            }
            assertThat(revenues).containsExactlyInAnyOrderEntriesOf(Map.of("bucket:" + bucket, "40",
                    gpt.key(), "24", small.key(), "8"));
        } finally {
            await(writer.forget(List.of("order-" + client)));
        }
    }

    private static ProjectionLine charge(String model, String amount) {
        BigDecimal a = new BigDecimal(amount);
        return new ProjectionLine(null, "tokens", "llm_tokens", Map.of("model", model), null, null, a, a, a, a, null,
                null, a, a, a, a, null, null, "RUN_RATE");
    }

    private static ClientProjection projection(UUID client, Instant calculatedAt, ProjectionLine... lines) {
        Instant start = Instant.parse("2026-11-01T00:00:00Z");
        Instant end = Instant.parse("2026-12-01T00:00:00Z");
        BillingPeriod period = new BillingPeriod(start, end, start, end);
        BigDecimal money = new BigDecimal("100.00");
        // No discount: the revenue is what the lines bill, so a line's revenue does not move when another line goes.
        BigDecimal billed = java.util.Arrays.stream(lines).map(ProjectionLine::projectedCost)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return new ClientProjection(client, "order-" + client, "USD", period, List.of(lines), money, money, billed,
                money, calculatedAt);
    }

    private static ProjectionLine line(UUID bucket, String usage) {
        BigDecimal u = new BigDecimal(usage);
        return new ProjectionLine(bucket, null, "vcpu_hours", Map.of(), null, null, u, u, u, u, null, null, u, u, u,
                u, null, null, "RUN_RATE");
    }

    private Map<String, String> usage(UUID client) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (Row r : await(pool.preparedQuery("SELECT line, current_usage FROM projection WHERE client_id = $1")
                .execute(Tuple.of(client)))) {
            out.put(r.getString(0), r.getBigDecimal(1).toPlainString());
        }
        return out;
    }

    private Instant calculatedAt(UUID client) {
        return await(pool.preparedQuery("SELECT calculated_at FROM projection_total WHERE client_id = $1")
                .execute(Tuple.of(client))).iterator().next().getOffsetDateTime(0).toInstant();
    }

    private Instant changedAt(UUID client, String line) {
        return await(pool.preparedQuery("SELECT changed_at FROM projection WHERE client_id = $1 AND line = $2")
                .execute(Tuple.of(client, line))).iterator().next().getOffsetDateTime(0).toInstant();
    }

    private <T> T rolledBack(Function<SqlClient, Uni<T>> work) {
        List<T> out = new ArrayList<>();
        await(pool.getConnection().chain(connection -> connection.begin()
                .chain(tx -> work.apply(connection).invoke(out::add).chain(() -> tx.rollback()))
                .eventually(connection::close)));
        return out.get(0);
    }

    private static <T> T await(Uni<T> uni) {
        return uni.await().atMost(WAIT);
    }
}
