package io.meterline.projection.projections;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.meterline.contracts.catalog.PublishedCatalog;
import io.meterline.projection.ProjectionConfig;
import io.meterline.projection.forecast.ForecastModel;
import io.meterline.projection.state.DirtyClients;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Keeps projections current. Usage and terms mark clients ({@link DirtyClients}); marked clients are recomputed in
 * chunks as soon as a batch of usage is applied, and each then rests for the debounce, so a client with usage in
 * every batch costs one recompute per debounce. On a schedule every client is marked, since a projection moves with
 * time alone. The rating runs on worker threads, never the event loop.
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
    Vertx vertx;

    private DrainSlots slots;
    private long timer = -1;
    /** Whether the last pass failed: an outage is logged once with its cause, not once per tick. */
    private final AtomicBoolean failing = new AtomicBoolean();

    /** Before any caller: usage may nudge before the start-up event. */
    @PostConstruct
    void slots() {
        slots = new DrainSlots(config.recompute().parallelism(), this::drain, this::failed);
    }

    /** A Vert.x timer, not the scheduler: the debounce is shorter than the scheduler's one-second floor. */
    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(config.recompute().debounce().toMillis(), id -> nudge());
    }

    /** No pass starts once the application is stopping: its database pool is about to close. */
    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /**
     * Recomputes the marked clients now: up to {@code parallelism} drains, each taking its own chunks, so one rates
     * while another waits on the database. A mark made while they run is taken by them, or by a drain started again
     * when one ends: never lost. A failed pass is retried on the next tick.
     */
    public void nudge() {
        slots.nudge();
    }

    private void failed(Throwable failure) {
        if (failing.compareAndSet(false, true)) {
            LOG.warnf(failure, "A recompute pass failed; every tick retries until one succeeds");
        } else {
            LOG.debugf("A recompute pass failed again: %s", failure.toString());
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

    /** Clients with no mark and an hour past their rest are forgotten: the queue holds the clients in use. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetRested() {
        return dirty.forgetRested(pool, clock.instant().minus(Duration.ofHours(1))).replaceWithVoid();
    }

    /**
     * Marks every client and recomputes them all as one pass: it waits for the drains under way, and no other starts
     * until it is done, so its count and time are the whole recompute's.
     */
    public Uni<Pass> recomputeAll() {
        int parallelism = config.recompute().parallelism();
        return slots.holdAll()
                .chain(() -> markAll())
                .chain(() -> {
                    Instant started = clock.instant();
                    List<Uni<Integer>> all = new ArrayList<>();
                    for (int i = 0; i < parallelism; i++) {
                        all.add(drainMarks());
                    }
                    return Uni.join().all(all).andFailFast().map(counts -> passed(
                            counts.stream().mapToInt(Integer::intValue).sum(), started));
                })
                .eventually(() -> slots.releaseAll());
    }

    /** Recomputes marked clients, chunk by chunk, until none is marked. */
    private Uni<Pass> drain() {
        Instant started = clock.instant();
        return drainMarks().map(count -> passed(count, started));
    }

    private Pass passed(int count, Instant started) {
        Pass pass = new Pass(count, Duration.between(started, clock.instant()).toMillis(), clock.instant());
        if (failing.getAndSet(false)) {
            LOG.info("Recompute passes succeed again");
        }
        if (count > 0) {
            last.set(pass);
            registry.counter("meterline.projection.recomputed.clients").increment(count);
        }
        return pass;
    }

    /**
     * Chunk after chunk until the marks run out (a chunk comes back short), so a drain ends even under steady usage
     * and a new one starts for what came meanwhile. A loop, not a recursion: a finished chunk's inputs are released.
     */
    private Uni<Integer> drainMarks() {
        int size = config.recompute().chunkSize();
        return Uni.createFrom().deferred(this::chunk).repeat().whilst(n -> n == size)
                .collect().with(java.util.stream.Collectors.summingInt(n -> Math.max(n, 0)));
    }

    /**
     * One chunk: its count of clients, or -1 when it failed (they are marked again, and this drain stops: the next
     * one retries). The catalog is read after the chunk's marks are taken, so a catalog change (which marks every
     * client) is never rated with the catalog from before it.
     */
    private Uni<Integer> chunk() {
        return dirty.take(pool, config.recompute().chunkSize())
                .chain(taken -> taken.marks().isEmpty() ? Uni.createFrom().item(0)
                        : inputs.catalog().chain(catalog -> recompute(taken, catalog))
                                .replaceWith(taken.marks().size())
                                .onFailure().recoverWithUni(e -> {
                                    LOG.warnf(e, "Recomputing %d clients failed; they stay marked",
                                            taken.marks().size());
                                    return pool.withTransaction(tx -> dirty.markAll(tx, taken.customers()))
                                            .replaceWith(-1);
                                }));
    }

    private Uni<Void> recompute(DirtyClients.Taken taken, ProjectionInputs.Catalog catalog) {
        Instant now = clock.instant();
        List<String> customers = taken.customers();
        Timer.Sample loading = Timer.start(registry);
        return inputs.load(customers, catalog.unitTypes(), now)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(loaded -> {
                    loading.stop(phase("load"));
                    long rating = System.nanoTime();
                    // Rating is CPU work: the clients of a chunk are spread over the cores.
                    List<Rated> out = loaded.parallelStream().map(in -> project(in, catalog.published(), now)).toList();
                    phase("rate").record(System.nanoTime() - rating, TimeUnit.NANOSECONDS);
                    return out;
                })
                .chain(rated -> {
                    Set<String> kept = new HashSet<>();
                    List<ClientProjection> projections = new ArrayList<>();
                    List<ProjectionWriter.FittedModel> fitted = new ArrayList<>();
                    for (Rated r : rated) {
                        kept.add(r.customer());
                        if (r.projection() != null) {
                            projections.add(r.projection());
                        }
                        r.fitted().forEach((series, model) -> fitted
                                .add(new ProjectionWriter.FittedModel(r.customer(), series, model)));
                    }
                    List<String> gone = customers.stream().filter(c -> !kept.contains(c)).toList();
                    Timer.Sample saving = Timer.start(registry);
                    return writer.save(projections, taken.at()).chain(() -> writer.forget(gone))
                            .chain(() -> writer.saveModels(fitted))
                            .invoke(() -> {
                                saving.stop(phase("save"));
                                Instant saved = clock.instant();
                                Timer behind = staleness();
                                taken.marks().forEach(m -> behind.record(Duration.between(m.since(), saved)));
                            });
                });
    }

    /** A client's outcome: its projection (null when its terms cannot be rated: the last one stays), its new models. */
    private record Rated(String customer, ClientProjection projection, Map<String, ForecastModel> fitted) {
    }

    private static Rated project(ProjectionInputs.ClientInputs in, PublishedCatalog catalog, Instant now) {
        String customer = in.terms().client().externalId();
        try {
            return new Rated(customer, ProjectionCalculator.project(in.terms(), catalog, in.period(), now,
                    in.soFar(), in.models()), in.fitted());
        } catch (RuntimeException e) {
            // One client's terms cannot be rated (say, a plan in another currency): the others go on.
            LOG.warnf(e, "Cannot project client %s; its last projection stays", customer);
            return new Rated(customer, null, in.fitted());
        }
    }

    /** How far behind a recomputed client was: from its first unprojected change until its projection was saved. */
    private Timer staleness() {
        return Timer.builder("meterline.projection.staleness").publishPercentiles(0.5, 0.99)
                .description("From a client's first change not yet projected until its projection is saved")
                .register(registry);
    }

    /** Where a recompute's time goes: reading its inputs, rating, writing. */
    private Timer phase(String name) {
        return Timer.builder("meterline.projection.recompute.phase").tag("phase", name)
                .register(registry);
    }

    /** The last pass that recomputed anything (the console's health card). */
    public Pass lastPass() {
        return last.get();
    }
}
