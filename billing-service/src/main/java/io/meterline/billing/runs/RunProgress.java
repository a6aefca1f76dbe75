package io.meterline.billing.runs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.meterline.platform.db.NativeStatements;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * A run's state as the worker moves it: claimed by one process at a time, each client marked done or failed in its
 * own transaction (the counters move with it, so progress is exact), finished once no client is pending.
 */
@ApplicationScoped
public class RunProgress {

    @Inject
    Clock clock;

    /** Takes the oldest queued run, or a running one whose owner has gone silent. */
    Uni<Optional<UUID>> claim(String owner, Duration staleAfter) {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> BillingRun.<BillingRun> find(
                "status = ?1 or (status = ?2 and (heartbeatAt is null or heartbeatAt < ?3)) order by createdAt",
                BillingRun.Status.QUEUED, BillingRun.Status.RUNNING, now.minus(staleAfter)).firstResult()
                .map(run -> {
                    if (run == null) {
                        return Optional.<UUID> empty();
                    }
                    run.status = BillingRun.Status.RUNNING;
                    run.owner = owner;
                    run.heartbeatAt = now;
                    if (run.startedAt == null) {
                        run.startedAt = now;
                    }
                    return Optional.of(run.id);
                }))
                // Another process claimed it first (optimistic lock): there is no run for us this time.
                .onFailure(jakarta.persistence.OptimisticLockException.class).recoverWithItem(Optional.empty())
                .onFailure(org.hibernate.StaleObjectStateException.class).recoverWithItem(Optional.empty());
    }

    Uni<Void> heartbeat(UUID runId, String owner) {
        return Panache.withTransaction(() -> update("UPDATE billing_run SET heartbeat_at = ?2 WHERE id = ?1 "
                + "AND owner = ?3", runId, clock.instant(), owner)).replaceWithVoid();
    }

    /** Run in the client's transaction, so the progress commits with the invoices: $1 run, $2 client, $3 made. */
    static final String DONE = "WITH client AS (UPDATE billing_run_client SET status = 'DONE', invoices = $3, "
            + "error = NULL WHERE run_id = $1 AND client_id = $2) UPDATE billing_run SET done = done + 1, "
            + "invoices = invoices + $3, heartbeat_at = $4 WHERE id = $1";

    Uni<Void> failed(UUID runId, UUID clientId, String reason) {
        return Panache.withTransaction(() -> update("UPDATE billing_run_client SET status = 'FAILED', error = ?3 "
                + "WHERE run_id = ?1 AND client_id = ?2 AND status = 'PENDING'", runId, clientId, reason)
                .chain(marked -> marked == 0 ? Uni.createFrom().item(0)
                        : update("UPDATE billing_run SET done = done + 1, failed = failed + 1, heartbeat_at = ?2 "
                                + "WHERE id = ?1", runId, clock.instant()))
                .replaceWithVoid());
    }

    Uni<BillingRun> finish(UUID runId) {
        // A new session reads the counters the clients' transactions moved.
        return Panache.withTransaction(() -> BillingRun.<BillingRun> findById(runId).map(run -> {
                    run.status = run.failed == 0 ? BillingRun.Status.SUCCEEDED
                            : run.failed == run.total ? BillingRun.Status.FAILED : BillingRun.Status.PARTIAL;
                    run.finishedAt = clock.instant();
                    run.owner = null;
                    return run;
                }));
    }

    private static Uni<Integer> update(String sql, Object... params) {
        return Panache.getSession().chain(session -> NativeStatements.update(session, sql, params));
    }
}
