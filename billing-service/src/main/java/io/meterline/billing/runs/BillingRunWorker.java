package io.meterline.billing.runs;

import static io.meterline.platform.reactive.Await.await;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.meterline.billing.BillingConfig;
import io.meterline.billing.clients.Client;
import io.meterline.billing.invoices.Invoice;
import io.meterline.billing.lateusage.LateUsagePolicy;
import io.meterline.billing.usage.UsageTotal;
import io.meterline.contracts.catalog.PublishedCatalog;
import io.meterline.rating.invoicing.InvoiceLine;
import io.meterline.rating.periods.BillingPeriod;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.StartupEvent;

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
    PeriodUsage periodUsage;

    @Inject
    LateUsageFinder lateUsage;

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
    /** Each thread closes one client at a time; VertxContextSupport gives each call its own context and session. */
    private ExecutorService closers;

    void start(@Observes StartupEvent event) {
        if (!config.run().workerEnabled()) {
            return;
        }
        thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "billing-run-worker");
            t.setDaemon(true);
            return t;
        });
        closers = Executors.newFixedThreadPool(config.run().parallelism(), r -> {
            Thread t = new Thread(r, "billing-run-closer");
            t.setDaemon(true);
            return t;
        });
        thread.submit(this::loop);
    }

    /** Stops at once when the application shuts down, before the database pool closes under the worker. */
    void onShutdown(@Observes io.quarkus.runtime.ShutdownEvent event) {
        stop();
    }

    @PreDestroy
    void stop() {
        stopped = true;
        wake.release();
        if (thread != null) {
            thread.shutdownNow();
            closers.shutdownNow();
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
                    continue;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception | Error e) {
                if (stopped) {
                    return;
                }
                LOG.error("The billing run worker failed; it tries again", e);
            }
            // Idle, or after a failure: wait for a new run or the next poll.
            try {
                wake.tryAcquire(config.run().pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void process(UUID runId) throws InterruptedException, java.util.concurrent.ExecutionException {
        Timer.Sample sample = Timer.start(registry);
        BillingRun run = await(() -> Panache.withSession(() -> BillingRun.findById(runId)));
        LOG.infof("Billing run %s as of %s: started by %s", runId, run.asOf, owner);
        PublishedCatalog catalog = await(() -> Panache.withSession(() -> CatalogSnapshot.load(json)));
        Set<String> rejectMeters = await(() -> Panache.withSession(() -> LateUsagePolicy.<LateUsagePolicy> list(
                "policy", LateUsagePolicy.Policy.REJECT))).stream().map(p -> p.meter).collect(Collectors.toSet());
        while (!stopped) {
            List<UUID> pending = await(() -> Panache.withSession(() -> BillingRunClient.<BillingRunClient> find(
                    "runId = ?1 and status = ?2", Sort.by("clientId"), runId, BillingRunClient.Status.PENDING)
                    .page(Page.ofSize(config.run().chunkSize())).list()))
                    .stream().map(c -> c.clientId).toList();
            if (pending.isEmpty()) {
                break;
            }
            closeChunk(run, pending, catalog, rejectMeters);
            await(() -> progress.heartbeat(runId, owner));
        }
        if (!stopped) {
            BillingRun finished = await(() -> progress.finish(runId));
            sample.stop(registry.timer("meterline.billing.run.duration", "status", finished.status.name()));
            LOG.infof("Billing run %s: %s, %d of %d clients billed, %d invoices", runId, finished.status,
                    finished.done - finished.failed, finished.total, finished.invoices);
        }
    }

    private void closeChunk(BillingRun run, List<UUID> clientIds, PublishedCatalog catalog,
            Set<String> rejectMeters) throws InterruptedException, java.util.concurrent.ExecutionException {
        long started = System.nanoTime();
        Instant lookbackFrom = run.asOf.minus(config.lateUsage().lookback());
        ClientChunk chunk = await(() -> Panache.withSession(() -> ClientChunk.load(clientIds, lookbackFrom)));
        PeriodInputsBuilder builder = new PeriodInputsBuilder(chunk, catalog);
        Map<UUID, List<BillingPeriod>> periods = new LinkedHashMap<>();
        Map<UUID, List<BillingPeriod>> late = new LinkedHashMap<>();
        Map<UUID, String> failures = new HashMap<>();
        for (UUID id : clientIds) {
            try {
                List<BillingPeriod> toClose = chunk.toClose(id, run.asOf);
                periods.put(id, toClose);
                late.put(id, toClose.isEmpty() ? List.of() : finalizedPeriods(chunk, id, lookbackFrom,
                        toClose.get(0).start()));
            } catch (RuntimeException e) {
                failures.put(id, reason(e));
            }
        }
        Map<UUID, List<BillingPeriod>> toRead = new LinkedHashMap<>();
        periods.forEach((id, list) -> {
            List<BillingPeriod> all = new ArrayList<>(late.getOrDefault(id, List.of()));
            all.addAll(list);
            toRead.put(id, all);
        });
        Map<Window, Map<String, List<UsageTotal>>> rows = new HashMap<>();
        Map<Window, Map<String, List<UsageTotal>>> wholeRows = new HashMap<>();
        long loaded = System.nanoTime();
        readUsage(chunk, builder, toRead, rows, wholeRows, failures);
        long read = System.nanoTime();
        Instant issuedAt = clock.instant();
        List<java.util.concurrent.Future<?>> closing = new ArrayList<>();
        for (UUID id : clientIds) {
            closing.add(closers.submit(() -> {
                if (!stopped) {
                    closeClient(run, id, chunk, builder, periods, late, rows, wholeRows, failures, rejectMeters,
                            issuedAt);
                }
                return null;
            }));
        }
        for (java.util.concurrent.Future<?> done : closing) {
            done.get();
        }
        LOG.infof("Billing run %s: %d clients: read in %d ms, usage from metering in %d ms, closed in %d ms", run.id,
                clientIds.size(), (loaded - started) / 1_000_000, (read - loaded) / 1_000_000,
                (System.nanoTime() - read) / 1_000_000);
    }

    /** Closes one client in its own transaction, or marks it failed with the reason. */
    private void closeClient(BillingRun run, UUID id, ClientChunk chunk, PeriodInputsBuilder builder,
            Map<UUID, List<BillingPeriod>> periods, Map<UUID, List<BillingPeriod>> late,
            Map<Window, Map<String, List<UsageTotal>>> rows, Map<Window, Map<String, List<UsageTotal>>> wholeRows,
            Map<UUID, String> failures, Set<String> rejectMeters, Instant issuedAt) {
        if (failures.containsKey(id)) {
            await(() -> progress.failed(run.id, id, failures.get(id)));
            return;
        }
        Client client = chunk.clients.get(id);
        try {
            LateUsageFinder.Found found = lateUsage.find(client, chunk, builder, late.get(id), rejectMeters,
                    period -> usageOf(rows, period, client), period -> usageOf(wholeRows, period, client));
            List<ClientCloser.PeriodWork> work = new ArrayList<>();
            for (BillingPeriod period : periods.get(id)) {
                List<UsageTotal> mine = usageOf(rows, period, client);
                List<UsageTotal> whole = usageOf(wholeRows, period, client);
                List<InvoiceLine> adjustments = work.isEmpty() ? found.adjustments() : List.of();
                work.add(new ClientCloser.PeriodWork(period,
                        credit -> builder.inputs(client, period, mine, whole, adjustments, credit)));
            }
            await(() -> closer.close(run.id, id, work, found.reports(), issuedAt));
        } catch (RuntimeException e) {
            LOG.warnf("Billing run %s: client %s (%s) failed: %s", run.id, id,
                    client == null ? "?" : client.externalId, reason(e));
            await(() -> progress.failed(run.id, id, reason(e)));
        }
    }

    /** The client's finalized periods in the lookback, before {@code before}, as its periods compute now. */
    private static List<BillingPeriod> finalizedPeriods(ClientChunk chunk, UUID id, Instant lookbackFrom,
            Instant before) {
        Client client = chunk.clients.get(id);
        List<BillingPeriod> found = new ArrayList<>();
        for (Invoice invoice : chunk.lateUsageCandidates(id, lookbackFrom, before)) {
            client.periods().containing(invoice.periodStart).filter(p -> p.start().equals(invoice.periodStart)
                    && p.end().equals(invoice.periodEnd)).ifPresent(found::add);
        }
        return found;
    }

    private static List<UsageTotal> usageOf(Map<Window, Map<String, List<UsageTotal>>> rows, BillingPeriod period,
            Client client) {
        return rows.getOrDefault(new Window(period.start(), period.end()), Map.of())
                .getOrDefault(client.externalId, List.of());
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
        PeriodUsage.Read read = periodUsage.read(chunk, builder, window.from(), window.to(), ids);
        rows.computeIfAbsent(window, w -> new HashMap<>()).putAll(read.rows());
        wholeRows.computeIfAbsent(window, w -> new HashMap<>()).putAll(read.wholeRows());
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
}
