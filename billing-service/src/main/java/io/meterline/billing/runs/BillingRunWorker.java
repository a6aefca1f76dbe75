package io.meterline.billing.runs;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.meterline.billing.BillingConfig;
import io.meterline.billing.buckets.Bucket;
import io.meterline.billing.catalog.PlanDiscount;
import io.meterline.billing.catalog.PlanVersion;
import io.meterline.billing.clients.Client;
import io.meterline.billing.periods.BillingPeriod;
import io.meterline.billing.usage.TotalsRequest;
import io.meterline.billing.usage.UsageReader;
import io.meterline.billing.usage.UsageTotal;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * Works billing runs off, one at a time, on its own thread: claims a queued run (or one whose process died), then
 * closes its clients chunk by chunk. A chunk's usage is read from metering in one request per period window; when
 * that fails, each client is asked for alone, so that one client's failure fails only that client. Each client is
 * closed in its own transaction.
 */
@ApplicationScoped
public class BillingRunWorker {

    private static final Logger LOG = Logger.getLogger(BillingRunWorker.class);

    @Inject
    BillingConfig config;

    @Inject
    ClientCloser closer;

    @Inject
    UsageReader usage;

    @Inject
    RunProgress progress;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    private final String owner = "billing-" + UUID.randomUUID();
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean stopped;
    private ExecutorService thread;

    void start(@Observes StartupEvent event) {
        if (!config.run().workerEnabled()) {
            return;
        }
        thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "billing-run-worker");
            t.setDaemon(true);
            return t;
        });
        thread.submit(this::loop);
    }

    @PreDestroy
    void stop() {
        stopped = true;
        wake.release();
        if (thread != null) {
            thread.shutdownNow();
        }
    }

    /** Looks for work now rather than at the next poll. */
    public void wake() {
        wake.release();
    }

    private void loop() {
        while (!stopped) {
            try {
                Optional<UUID> run = await(() -> progress.claim(owner, config.run().staleAfter()));
                if (run.isPresent()) {
                    process(run.get());
                } else {
                    wake.tryAcquire(config.run().pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable e) {
                if (stopped) {
                    return;
                }
                LOG.error("The billing run worker failed; it tries again", e);
                try {
                    Thread.sleep(config.run().pollInterval().toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void process(UUID runId) throws Throwable {
        Timer.Sample sample = Timer.start(registry);
        BillingRun run = await(() -> Panache.withSession(() -> BillingRun.findById(runId)));
        LOG.infof("Billing run %s as of %s: started by %s", runId, run.asOf, owner);
        CatalogSnapshot catalog = await(() -> Panache.withSession(() -> PlanVersion.<PlanVersion> listAll()
                .chain(versions -> PlanDiscount.<PlanDiscount> listAll()
                        .map(discounts -> new CatalogSnapshot(versions, discounts, json)))));
        while (!stopped) {
            List<UUID> pending = await(() -> Panache.withSession(() -> BillingRunClient.<BillingRunClient> find(
                    "runId = ?1 and status = ?2", Sort.by("clientId"), runId, BillingRunClient.Status.PENDING)
                    .page(Page.ofSize(config.run().chunkSize())).list()))
                    .stream().map(c -> c.clientId).toList();
            if (pending.isEmpty()) {
                break;
            }
            closeChunk(run, pending, catalog);
            await(() -> progress.heartbeat(runId, owner));
        }
        if (!stopped) {
            BillingRun finished = await(() -> progress.finish(runId));
            sample.stop(registry.timer("meterline.billing.run.duration", "status", finished.status.name()));
            LOG.infof("Billing run %s: %s, %d of %d clients billed, %d invoices", runId, finished.status,
                    finished.done - finished.failed, finished.total, finished.invoices);
        }
    }

    private void closeChunk(BillingRun run, List<UUID> clientIds, CatalogSnapshot catalog) throws Throwable {
        ClientChunk chunk = await(() -> Panache.withSession(() -> ClientChunk.load(clientIds)));
        PeriodInputsBuilder builder = new PeriodInputsBuilder(chunk, catalog);
        Map<UUID, List<BillingPeriod>> periods = new LinkedHashMap<>();
        Map<UUID, String> failures = new HashMap<>();
        for (UUID id : clientIds) {
            try {
                periods.put(id, chunk.toClose(id, run.asOf));
            } catch (RuntimeException e) {
                failures.put(id, reason(e));
            }
        }
        Map<Window, Map<String, List<UsageTotal>>> rows = new HashMap<>();
        Map<Window, Map<String, List<UsageTotal>>> wholeRows = new HashMap<>();
        readUsage(chunk, builder, periods, rows, wholeRows, failures);
        Instant issuedAt = clock.instant();
        for (UUID id : clientIds) {
            if (stopped) {
                return;
            }
            if (failures.containsKey(id)) {
                await(() -> progress.failed(run.id, id, failures.get(id)));
                continue;
            }
            Client client = chunk.clients.get(id);
            try {
                List<ClientCloser.PeriodWork> work = new ArrayList<>();
                for (BillingPeriod period : periods.get(id)) {
                    Window window = new Window(period.start(), period.end());
                    List<UsageTotal> mine = rows.getOrDefault(window, Map.of()).getOrDefault(client.externalId,
                            List.of());
                    List<UsageTotal> whole = wholeRows.getOrDefault(window, Map.of())
                            .getOrDefault(client.externalId, List.of());
                    work.add(new ClientCloser.PeriodWork(period,
                            credit -> builder.inputs(client, period, mine, whole, List.of(), credit)));
                }
                await(() -> Panache.withTransaction(() -> closer.close(run.id, id, work, issuedAt)
                        .call(made -> progress.done(run.id, id, made))));
            } catch (Throwable e) {
                LOG.warnf("Billing run %s: client %s (%s) failed: %s", run.id, id,
                        client == null ? "?" : client.externalId, reason(e));
                await(() -> progress.failed(run.id, id, reason(e)));
            }
        }
    }

    private record Window(Instant from, Instant to) {
    }

    /** Reads every window's usage for the chunk, falling back to one client at a time when a window fails. */
    private void readUsage(ClientChunk chunk, PeriodInputsBuilder builder, Map<UUID, List<BillingPeriod>> periods,
            Map<Window, Map<String, List<UsageTotal>>> rows, Map<Window, Map<String, List<UsageTotal>>> wholeRows,
            Map<UUID, String> failures) {
        Map<Window, List<UUID>> clientsByWindow = new LinkedHashMap<>();
        periods.forEach((id, list) -> list.forEach(p -> clientsByWindow
                .computeIfAbsent(new Window(p.start(), p.end()), w -> new ArrayList<>()).add(id)));
        clientsByWindow.forEach((window, ids) -> {
            try {
                read(chunk, builder, window, ids, rows, wholeRows);
            } catch (RuntimeException batchFailure) {
                LOG.warnf("Usage for %d clients in [%s, %s) could not be read at once (%s); reading each alone",
                        ids.size(), window.from(), window.to(), reason(batchFailure));
                for (UUID id : ids) {
                    try {
                        read(chunk, builder, window, List.of(id), rows, wholeRows);
                    } catch (RuntimeException e) {
                        failures.put(id, "usage for [" + window.from() + ", " + window.to()
                                + ") could not be read from metering: " + reason(e));
                    }
                }
            }
        });
    }

    private void read(ClientChunk chunk, PeriodInputsBuilder builder, Window window, List<UUID> ids,
            Map<Window, Map<String, List<UsageTotal>>> rows, Map<Window, Map<String, List<UsageTotal>>> wholeRows) {
        Set<String> meters = new LinkedHashSet<>();
        Set<String> wholeMeters = new LinkedHashSet<>();
        List<String> customers = new ArrayList<>();
        List<TotalsRequest.AssetGroup> groups = new ArrayList<>();
        for (UUID id : ids) {
            Client client = chunk.clients.get(id);
            BillingPeriod period = client.periods().containing(window.from()).orElseThrow();
            meters.addAll(builder.meters(client, period));
            wholeMeters.addAll(builder.wholeMeters(client, period));
            customers.add(client.externalId);
            for (Bucket bucket : chunk.bucketsIn(id, period)) {
                List<String> assets = chunk.assets.get(bucket.id);
                if (assets != null) {
                    groups.add(new TotalsRequest.AssetGroup(bucket.meter, bucket.id.toString(), assets));
                }
            }
        }
        Map<String, List<UsageTotal>> read = usage.read(window.from(), window.to(), List.copyOf(meters), customers,
                groups, true);
        rows.computeIfAbsent(window, w -> new HashMap<>()).putAll(read);
        if (!wholeMeters.isEmpty()) {
            wholeRows.computeIfAbsent(window, w -> new HashMap<>()).putAll(usage.read(window.from(), window.to(),
                    List.copyOf(wholeMeters), customers, groups, false));
        }
    }

    static String reason(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        if (cause instanceof jakarta.ws.rs.WebApplicationException web && web.getResponse() != null) {
            try {
                String body = web.getResponse().readEntity(String.class);
                return "metering answered " + web.getResponse().getStatus() + (body == null ? "" : ": " + body);
            } catch (RuntimeException unreadable) {
                return "metering answered " + web.getResponse().getStatus();
            }
        }
        String message = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        return message.length() > 1000 ? message.substring(0, 1000) : message;
    }

    private static <T> T await(Supplier<Uni<T>> work) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(work);
    }
}
