package io.meterline.metering.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Forgets identities first seen longer ago than the dedup window ({@code meterline.ingest.dedup-window}), so the
 * ledger, and the index every stored event is claimed in, stays the size of the window rather than of all history.
 * An event re-sent after its identity was forgotten is counted again; the window is therefore never shorter than the
 * late window, past which events are refused anyway (backfill aside).
 */
@ApplicationScoped
public class LedgerPruning {

    private static final Logger LOG = Logger.getLogger(LedgerPruning.class);

    /** Rows deleted per statement: small enough to keep each transaction short next to the writers. */
    static final int CHUNK = 20_000;

    // first_seen grows with the table's physical order, so its BRIN index finds the oldest rows cheaply.
    private static final String DELETE_OLDEST = """
            DELETE FROM event_identity WHERE ctid = ANY (ARRAY(
                SELECT ctid FROM event_identity WHERE first_seen < $1 LIMIT $2))""";

    @Inject
    Pool pool;

    @Inject
    IngestConfig config;

    @Inject
    MeterRegistry registry;

    @Inject
    Vertx vertx;

    @Inject
    Clock clock;

    private final AtomicBoolean running = new AtomicBoolean();

    void start(@Observes StartupEvent event) {
        requireWindowCoversLateWindow(config.dedupWindow(), config.lateWindow());
        if (config.consumerEnabled()) {
            vertx.setPeriodic(config.ledgerPruneInterval().toMillis(), id -> prune().subscribe().with(
                    pruned -> LOG.debugf("Forgot %d identities older than the dedup window", pruned),
                    failure -> LOG.warnf("Could not prune the dedup ledger, will retry: %s", failure.getMessage())));
        }
    }

    /** Refuses a dedup window shorter than the late window: an accepted event could then be counted twice. */
    static void requireWindowCoversLateWindow(Duration dedupWindow, Duration lateWindow) {
        if (dedupWindow.compareTo(lateWindow) < 0) {
            throw new IllegalStateException("meterline.ingest.dedup-window (" + dedupWindow
                    + ") must be at least meterline.ingest.late-window (" + lateWindow + ").");
        }
    }

    /** Deletes every identity first seen before the window began; returns how many. One run at a time. */
    public Uni<Long> prune() {
        if (!running.compareAndSet(false, true)) {
            return Uni.createFrom().item(0L);
        }
        Instant cutoff = clock.instant().minus(config.dedupWindow());
        return pruneFrom(cutoff, 0).invoke(pruned -> registry.counter("meterline.ingest.ledger.pruned").increment(pruned))
                .eventually(() -> running.set(false));
    }

    private Uni<Long> pruneFrom(Instant cutoff, long soFar) {
        return pool.preparedQuery(DELETE_OLDEST).execute(Tuple.of(cutoff.atOffset(ZoneOffset.UTC), CHUNK))
                .flatMap(rows -> {
                    long total = soFar + rows.rowCount();
                    return rows.rowCount() < CHUNK ? Uni.createFrom().item(total) : pruneFrom(cutoff, total);
                });
    }
}
