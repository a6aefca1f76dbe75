package io.meterline.metering.ingest;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.meterline.metering.ingest.BatchPlan.Planned;
import io.meterline.metering.meters.MeterCatalog;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Stores a batch of raw events exactly once, in one transaction:
 * <ol>
 * <li>claims each identity that is first in the batch in the {@link IdentityLedger}; only the identities it claims
 * are new, so a redelivered batch stores nothing;</li>
 * <li>COPYs the new events into the monthly partitions of the {@link RawEventStore};</li>
 * <li>adds them to the {@link UsageRollups} (worked out in memory by {@link BatchPlan}), and records the assets they
 * name ({@link AssetDiscovery}, which announces new ones through the outbox);</li>
 * <li>queues the batch for {@code meterline.usage.metered} ({@link MeteredBatchQueue}).</li>
 * </ol>
 * JDBC and hand-written SQL rather than entities here, on purpose: this is the ingest hot path (docs/benchmarks.md,
 * "Ingest"), COPY is the fastest way into PostgreSQL, and this runs on the consumer's own thread, off the event loop.
 */
@ApplicationScoped
public class EventBatchWriter {

    /** What one batch came to: the events stored, each with the client it resolved to (customer or asset's client). */
    public record Outcome(int received, int stored, int conflicting, List<String> newAssets, UUID batchId,
            Instant storedAt, List<Planned> storedEvents, Map<String, String> assetClients) {

        /** The client an event's usage counts for now: its customer, or its asset's client. */
        public String clientOf(RawUsageEvent e) {
            return e.customer() != null ? e.customer() : assetClients.get(e.asset());
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterCatalog meters;

    @Inject
    IdentityLedger ledger;

    @Inject
    RawEventStore rawEvents;

    @Inject
    AssetDiscovery assets;

    @Inject
    MeterRegistry registry;

    public Outcome write(List<RawUsageEvent> events) throws SQLException {
        BatchPlan plan = new BatchPlan(events, meters::find);
        rawEvents.ensurePartitions(plan.firsts());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Outcome outcome = store(c, plan);
                long committing = System.nanoTime();
                c.commit();
                time("commit", committing);
                return outcome;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private Outcome store(Connection c, BatchPlan plan) throws SQLException {
        long started = System.nanoTime();
        IdentityLedger.Claim claim = ledger.claim(c, plan.firsts());
        List<Planned> fresh = claim.fresh();
        int conflicting = plan.conflictingInBatch() + claim.conflicting();
        time("claim", started);
        if (fresh.isEmpty()) {
            return new Outcome(plan.received(), 0, conflicting, List.of(), null, null, List.of(), Map.of());
        }
        long copying = System.nanoTime();
        UUID batch = MeteredBatchQueue.orderedUuid();
        rawEvents.copy(c, fresh, batch);
        time("copy", copying);
        long rollingUp = System.nanoTime();
        UsageRollups.rollUp(c, BatchPlan.rollups(fresh));
        UsageRollups.uniques(c, BatchPlan.uniqueValues(fresh));
        List<String> newAssets = new ArrayList<>();
        Map<String, String> clients = assets.record(c, BatchPlan.assets(fresh), newAssets);
        Instant storedAt = MeteredBatchQueue.queue(c, batch);
        time("rollup", rollingUp);
        return new Outcome(plan.received(), fresh.size(), conflicting, newAssets, batch, storedAt, fresh, clients);
    }

    /** The writer's time profile, by step: meterline.ingest.writer.{claim,copy,rollup,commit}. */
    private void time(String step, long startedNanos) {
        registry.timer("meterline.ingest.writer." + step).record(System.nanoTime() - startedNanos,
                TimeUnit.NANOSECONDS);
    }
}
