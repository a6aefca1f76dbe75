package io.meterline.projection.projections;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.meterline.contracts.catalog.PublishedCatalog;
import io.meterline.contracts.catalog.UnitTypeChanged;
import io.meterline.projection.ProjectionConfig;
import io.meterline.projection.forecast.ForecastModel;
import io.meterline.projection.forecast.Forecaster;
import io.meterline.projection.state.DirtyClients;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Keeps projections current. Usage and terms mark clients ({@link DirtyClients}); every debounce the marked clients
 * are recomputed in chunks, so a burst of events costs one recompute per client. On a schedule every client is
 * marked, since a projection moves with time alone. The rating runs on worker threads, never the event loop.
 */
@ApplicationScoped
public class Recomputer {

    private static final Logger LOG = Logger.getLogger(Recomputer.class);

    /** What a pass did: clients recomputed and how long it took, in milliseconds. */
    public record Pass(int clients, long millis, Instant finishedAt) {
    }

    @Inject
    Pool pool;

    @Inject
    DirtyClients dirty;

    @Inject
    ProjectionInputs inputs;

    @Inject
    ProjectionWriter writer;

    @Inject
    ProjectionConfig config;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    private final AtomicReference<Pass> last = new AtomicReference<>();

    @Inject
    io.vertx.mutiny.core.Vertx vertx;

    private final java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicBoolean again = new java.util.concurrent.atomic.AtomicBoolean();

    /** A Vert.x timer, not the scheduler: the debounce is shorter than the scheduler's one-second floor. */
    void start(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent event) {
        vertx.setPeriodic(config.recompute().debounce().toMillis(), id -> nudge());
    }

    /**
     * Recomputes the marked clients now, or right after the pass under way: usage that arrives during a pass is
     * picked up by the next one, never lost and never computed twice at once.
     */
    public void nudge() {
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        drain().subscribe().with(pass -> finished(), failure -> {
            LOG.warnf(failure, "A recompute pass failed; the next one retries");
            finished();
        });
    }

    private void finished() {
        running.set(false);
        if (again.get()) {
            nudge();
        }
    }

    @Scheduled(every = "${meterline.projection.recompute.schedule:PT15M}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> everyone() {
        return markAll();
    }

    public Uni<Void> markAll() {
        return pool.withTransaction(dirty::markAll);
    }

    /**
     * Marks every client and recomputes them all as one pass: it waits for the pass under way, and no other pass
     * starts until it is done, so its count and time are the whole recompute's.
     */
    public Uni<Pass> recomputeAll() {
        return Uni.createFrom().item(() -> running.compareAndSet(false, true))
                .repeat().withDelay(Duration.ofMillis(20)).until(acquired -> acquired).collect().last()
                .chain(() -> markAll().chain(() -> drain()))
                .eventually(this::finished);
    }

    /** Recomputes every marked client, chunk by chunk, until none is marked. */
    public Uni<Pass> drain() {
        Instant started = clock.instant();
        return drain(0).map(count -> {
                    Pass pass = new Pass(count, Duration.between(started, clock.instant()).toMillis(),
                            clock.instant());
                    if (count > 0) {
                        last.set(pass);
                        registry.counter("meterline.projection.recomputed.clients").increment(count);
                    }
                    return pass;
                });
    }

    /**
     * One chunk, then the next. The catalog is read after the chunk's marks are taken, so a catalog change (which
     * marks every client) is never rated with the catalog from before it.
     */
    private Uni<Integer> drain(int done) {
        return pool.withTransaction(tx -> dirty.take(tx, config.recompute().chunkSize()))
                .chain(customers -> customers.isEmpty() ? Uni.createFrom().item(done)
                        : inputs.catalog().chain(catalog -> inputs.unitTypes()
                                .chain(unitTypes -> recompute(customers, catalog, unitTypes)))
                                .chain(() -> drain(done + customers.size()))
                                .onFailure().recoverWithUni(e -> {
                                    // The database or the pool failed: mark them again and let the next pass retry.
                                    LOG.warnf(e, "Recomputing %d clients failed; they stay marked", customers.size());
                                    return pool.withTransaction(tx -> dirty.markAll(tx, customers)).replaceWith(done);
                                }));
    }

    private Uni<Void> recompute(List<String> customers, PublishedCatalog catalog,
            Map<UUID, UnitTypeChanged> unitTypes) {
        Instant now = clock.instant();
        Set<String> projectedAnyway = java.util.concurrent.ConcurrentHashMap.newKeySet();
        List<ProjectionWriter.FittedModel> fitted = java.util.Collections.synchronizedList(new ArrayList<>());
        io.micrometer.core.instrument.Timer.Sample loading = io.micrometer.core.instrument.Timer.start(registry);
        return inputs.load(customers, unitTypes, now)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(loaded -> {
                    loading.stop(phase("load"));
                    long rating = System.nanoTime();
                    projectedAnyway.clear();
                    fitted.clear();
                    // Rating is CPU work: the clients of a chunk are spread over the cores.
                    List<ClientProjection> out = loaded.parallelStream()
                            .map(in -> project(in, catalog, now, fitted, projectedAnyway))
                            .filter(java.util.Objects::nonNull).toList();
                    phase("rate").record(System.nanoTime() - rating, java.util.concurrent.TimeUnit.NANOSECONDS);
                    return out;
                })
                .chain(projections -> {
                    Set<String> projected = new HashSet<>();
                    projections.forEach(p -> projected.add(p.externalId()));
                    projected.addAll(projectedAnyway);
                    List<String> gone = customers.stream().filter(c -> !projected.contains(c)).toList();
                    io.micrometer.core.instrument.Timer.Sample saving = io.micrometer.core.instrument.Timer
                            .start(registry);
                    return writer.save(projections).chain(() -> writer.forget(gone))
                            .chain(() -> writer.saveModels(List.copyOf(fitted)))
                            .invoke(() -> saving.stop(phase("save")));
                });
    }

    /** One client, with its stale models fitted first; null when its terms cannot be rated. */
    private static ClientProjection project(ProjectionInputs.ClientInputs in, PublishedCatalog catalog, Instant now,
            List<ProjectionWriter.FittedModel> fitted, Set<String> projectedAnyway) {
        try {
            Map<String, ForecastModel> models = new java.util.HashMap<>(in.models());
            java.time.ZoneId zone = java.time.ZoneId.of(in.terms().client().timeZone());
            in.toFit().forEach((series, history) -> {
                ForecastModel model = Forecaster.fit(history, zone, now, in.period().end());
                models.put(series, model);
                fitted.add(new ProjectionWriter.FittedModel(in.terms().client().externalId(), series, model));
            });
            return ProjectionCalculator.project(in.terms(), catalog, in.period(), now, in.soFar(), models);
        } catch (RuntimeException e) {
            // One client's terms cannot be rated (say, a plan in another currency): the others go on.
            LOG.warnf(e, "Cannot project client %s; its last projection stays", in.terms().client().externalId());
            projectedAnyway.add(in.terms().client().externalId());
            return null;
        }
    }

    /** Where a recompute's time goes: reading its inputs, rating, writing. */
    private io.micrometer.core.instrument.Timer phase(String name) {
        return io.micrometer.core.instrument.Timer.builder("meterline.projection.recompute.phase").tag("phase", name)
                .register(registry);
    }

    /** The last pass that recomputed anything (the console's health card). */
    public Pass lastPass() {
        return last.get();
    }
}
