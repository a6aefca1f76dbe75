package io.meterline.bench;

import static io.meterline.bench.Bench.log;
import static io.meterline.bench.Bench.percentile;
import static io.meterline.bench.Bench.sleep;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Freshness at one ingest rate: load events go through metering's ingest API at the rate, spread over the load
 * clients; meanwhile probe events, one client at a time, are timed from metering's 202 (accepted) until
 * projection's API shows them in the client's bucket (reflected).
 */
final class FreshnessRun {

    /** A client that only probes write to, and the bucket whose usage shows them. */
    record Probe(String customer, String client, String bucket) {
    }

    private static final int BATCH = 500;
    private static final long PROBE_TIMEOUT_MS = 30_000;

    private final StackApi api;
    private final String meteringUrl;
    private final String projectionUrl;
    private final String meter;
    private final String run;
    private final AtomicInteger loads = new AtomicInteger();
    /** Probe event ids, unique over every run at every rate (metering counts a repeated id once). */
    private final AtomicLong probeIds = new AtomicLong();

    FreshnessRun(StackApi api, String meteringUrl, String projectionUrl, String meter, String run) {
        this.api = api;
        this.meteringUrl = meteringUrl;
        this.projectionUrl = projectionUrl;
        this.meter = meter;
        this.run = run;
    }

    /** Runs for {@code seconds} at {@code rate} events/s; returns p50, p99, probes, timeouts and the achieved rate. */
    Map<String, Object> measure(int rate, int seconds, List<String> loadCustomers, List<Probe> probes,
            int concurrency) throws Exception {
        Map<Probe, BigDecimal> expected = new LinkedHashMap<>();
        for (Probe p : probes) {
            expected.put(p, usage(p));
        }
        long started = System.nanoTime();
        Load load = load(rate, seconds, loadCustomers, concurrency, started);
        List<Long> latencies = new ArrayList<>();
        int timeouts = 0;
        int probe = 0;
        while (System.nanoTime() - started < seconds * 1_000_000_000L) {
            Probe p = probes.get(probe++ % probes.size());
            BigDecimal want = expected.get(p).add(BigDecimal.ONE);
            expected.put(p, want);
            api.post(meteringUrl + "/api/v1/events", List.of(Map.of("id", run + "-probe-" + probeIds.incrementAndGet(),
                    "meter", meter, "customer", p.customer(), "timestamp", Instant.now().toString(), "value", "1")),
                    202);
            long acceptedAt = System.nanoTime();
            long reflected = awaitUsage(p, want, acceptedAt);
            if (reflected < 0) {
                // Not reflected within the timeout: counted at the timeout, so the percentiles say "at least".
                timeouts++;
                latencies.add(PROBE_TIMEOUT_MS);
                expected.put(p, usage(p)); // start the next probe of this client from what is there
            } else {
                latencies.add((reflected - acceptedAt) / 1_000_000);
            }
            sleep(100);
        }
        long accepted = load.await();
        double elapsed = (System.nanoTime() - started) / 1e9;
        long[] sorted = latencies.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("p50", percentile(sorted, 0.50));
        result.put("p99", percentile(sorted, 0.99));
        result.put("max", sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
        result.put("probes", sorted.length);
        result.put("timeoutMs", PROBE_TIMEOUT_MS);
        result.put("timeouts", timeouts);
        result.put("eventsPerSecondAccepted", Math.round(accepted / elapsed));
        log("  %,d events/s asked, %,d accepted: freshness p50 %d ms, p99 %d ms over %d probes (%d timed out, "
                + "counted at the timeout)",
                rate, result.get("eventsPerSecondAccepted"), result.get("p50"), result.get("p99"), sorted.length,
                timeouts);
        return result;
    }

    /** Load alone, unmeasured: the JIT and the pools warm up before the first measured run. */
    void warmUp(int rate, int seconds, List<String> loadCustomers, int concurrency) throws Exception {
        load(rate, seconds, loadCustomers, concurrency, System.nanoTime()).await();
    }

    /** Load events being sent at a rate by {@code concurrency} senders. */
    private record Load(ExecutorService senders, List<Future<?>> running, AtomicLong accepted) {

        /** Waits for the senders; the events accepted. */
        long await() throws Exception {
            for (Future<?> sender : running) {
                sender.get();
            }
            senders.shutdown();
            return accepted.get();
        }
    }

    private Load load(int rate, int seconds, List<String> loadCustomers, int concurrency, long started) {
        long requests = (long) rate * seconds / BATCH;
        double requestEveryNanos = 1e9 * BATCH / rate;
        AtomicLong next = new AtomicLong();
        AtomicLong accepted = new AtomicLong();
        ExecutorService senders = Executors.newFixedThreadPool(concurrency);
        List<Future<?>> running = new ArrayList<>();
        String ids = run + "-l" + loads.incrementAndGet() + "-"; // every load's events are new ones
        for (int t = 0; t < concurrency; t++) {
            running.add(senders.submit(() -> {
                for (long r = next.getAndIncrement(); r < requests; r = next.getAndIncrement()) {
                    long due = started + (long) (r * requestEveryNanos);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    api.post(meteringUrl + "/api/v1/events", batch(ids, r, loadCustomers), 202);
                    accepted.addAndGet(BATCH);
                }
                return null;
            }));
        }
        return new Load(senders, running, accepted);
    }

    private String batch(String ids, long r, List<String> customers) {
        StringBuilder body = new StringBuilder("[");
        String now = Instant.now().toString();
        for (int i = 0; i < BATCH; i++) {
            long n = r * BATCH + i;
            body.append(i > 0 ? "," : "").append("{\"id\":\"").append(ids).append(n)
                    .append("\",\"meter\":\"").append(meter).append("\",\"customer\":\"")
                    .append(customers.get((int) (n % customers.size()))).append("\",\"timestamp\":\"").append(now)
                    .append("\",\"value\":\"1\"}");
        }
        return body.append(']').toString();
    }

    /** Polls the probe's bucket until its usage reaches {@code want}; the instant it did, or -1 on a timeout. */
    private long awaitUsage(Probe p, BigDecimal want, long since) {
        while (System.nanoTime() - since < PROBE_TIMEOUT_MS * 1_000_000) {
            if (usage(p).compareTo(want) >= 0) {
                return System.nanoTime();
            }
            sleep(10);
        }
        return -1;
    }

    private BigDecimal usage(Probe p) {
        JsonNode items = api.get(projectionUrl + "/api/v1/projections?client=" + p.client() + "&bucket=" + p.bucket())
                .get("items");
        return items.isEmpty() ? BigDecimal.ZERO : new BigDecimal(items.get(0).get("currentUsage").asText());
    }
}
