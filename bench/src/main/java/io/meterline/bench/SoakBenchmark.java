package io.meterline.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.meterline.localstack.postgres.PostgresServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Steady ingest at a fixed rate for minutes, against a running stack: each minute, the requests' latency, the
 * consumer's lag, metering's heap after a full collection and its open files. A leak or a backlog shows as growth;
 * the run passes when none of them grows from the second minute to the last (the first warms up). Written into
 * docs/reliability.md.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "Steady ingest for minutes: per minute latency, consumer lag, heap after a full GC and open files; "
                + "passes when none grows from the second minute to the last.")
public final class SoakBenchmark extends LoadOptions implements java.util.concurrent.Callable<Integer> {

    /**
     * How much a measure may move between the second minute and the last before it counts as growth: half again
     * its value plus a floor, since a minute's figure on two shared cores moves that much by itself.
     */
    static final double GROWTH_FACTOR = 1.5;

    @Option(names = "--minutes", defaultValue = "10", description = "How long to send (default ${DEFAULT-VALUE}).")
    int minutes;

    @Option(names = "--rate", defaultValue = "20000", description = "Events per second (default ${DEFAULT-VALUE}).")
    long rate;

    @Option(names = "--report", description = "Write the results into this Markdown file (default "
            + "docs/reliability.md for a run of 10 minutes or more).")
    Path report;

    @Mixin
    StackOptions stack;

    /** One minute of the run, as measured. */
    record Minute(int minute, long acceptedPerSecond, long storedPerSecond, long p50Ms, long p99Ms, long consumerLag,
            long liveHeapMb, long openFiles) {
    }

    private record Sample(Instant at, long startedNanos, long latencyNanos) {
    }

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Override
    public Integer call() throws Exception {
        if (!withoutProjections) {
            return soak();
        }
        try (PausedServices paused = PausedServices.pause("projection-service")) {
            return soak();
        }
    }

    private int soak() throws Exception {
        StackApi api = new StackApi(stack.home);
        String meter = "soak_" + run;
        api.post(stack.meteringUrl + "/api/v1/meters", Map.of("apiName", meter, "displayName", "Soak " + run,
                "unit", "units", "aggregation", "SUM", "dimensions", List.of()), 201);
        if (ledger > 0) {
            try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + stack.postgresPort
                    + "/metering", PostgresServer.USER, PostgresServer.PASSWORD)) {
                LedgerFill.fillTo(db, ledger, Duration.ofDays(40), Duration.ofDays(10), Duration.ofDays(1), customers,
                        LedgerFill.keyLimit(api.http(), stack.meteringUrl));
            }
        }
        Bench.log("Soaking: %,d events/s for %d minutes, batch %d, %d in flight, to %s...", rate, minutes, batch,
                concurrency, stack.meteringUrl);
        ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        long end = start + Duration.ofMinutes(minutes).toNanos();
        AtomicLong next = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency + 1);
        List<Minute> perMinute = new ArrayList<>();
        try {
            List<Future<?>> senders = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                senders.add(pool.submit(() -> {
                    for (long r = next.getAndIncrement(); ; r = next.getAndIncrement()) {
                        long due = start + r * batch * 1_000_000_000L / rate;
                        if (due >= end) {
                            return null;
                        }
                        LockSupport.parkNanos(due - System.nanoTime()); // the driver's schedule
                        long sent = System.nanoTime();
                        send(api, body(meter, r));
                        samples.add(new Sample(Instant.now(), sent, System.nanoTime() - sent));
                    }
                }));
            }
            Map<String, Long> before = metrics(api);
            for (int m = 1; m <= minutes; m++) {
                LockSupport.parkNanos(start + m * 60_000_000_000L - System.nanoTime()); // each minute's close
                fullGc(); // so the heap read next is what is alive, not what a collection has yet to free
                Map<String, Long> after = metrics(api);
                perMinute.add(minute(m, start, samples, before, after));
                Bench.log("minute %d: %s", m, perMinute.get(m - 1));
                before = after;
            }
            for (Future<?> sender : senders) {
                sender.get();
            }
        } finally {
            pool.shutdown();
        }
        List<String> grew = grew(perMinute);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("minutes", minutes);
        result.put("targetRate", rate);
        result.put("batch", batch);
        result.put("concurrency", concurrency);
        result.put("projectionsPaused", withoutProjections);
        result.put("perMinute", perMinute);
        result.put("grew", grew);
        result.put("passed", grew.isEmpty());
        Path doc = report != null ? report : minutes >= 10 ? Path.of("docs/reliability.md") : null;
        BenchmarkReport.publish(doc, "soak-benchmark", "Soak", markdown(perMinute, grew), result, json);
        return grew.isEmpty() ? 0 : 1;
    }

    private Minute minute(int m, long start, ConcurrentLinkedQueue<Sample> samples, Map<String, Long> before,
            Map<String, Long> after) {
        long from = start + (m - 1) * 60_000_000_000L;
        long to = from + 60_000_000_000L;
        long[] latencies = samples.stream().filter(s -> s.startedNanos() >= from && s.startedNanos() < to)
                .mapToLong(Sample::latencyNanos).sorted().toArray();
        long stored = after.getOrDefault("meterline_ingest_stored_total", 0L)
                - before.getOrDefault("meterline_ingest_stored_total", 0L);
        long heap = after.getOrDefault("heap", -1L);
        return new Minute(m, latencies.length * (long) batch / 60, stored / 60,
                Math.round(Bench.percentile(latencies, 0.50) / 1e6), Math.round(Bench.percentile(latencies, 0.99) / 1e6),
                after.getOrDefault("meterline_ingest_consumer_lag", -1L), heap < 0 ? -1 : heap >> 20,
                after.getOrDefault("process_files_open_files", -1L));
    }

    /** The measures whose last minute is above what the second allows ({@link #GROWTH_FACTOR}, plus a floor). */
    static List<String> grew(List<Minute> minutes) {
        List<String> grew = new ArrayList<>();
        if (minutes.size() < 3) {
            return grew;
        }
        Minute second = minutes.get(1);
        Minute last = minutes.get(minutes.size() - 1);
        check("request p99 (ms)", second.p99Ms(), last.p99Ms(), 50, grew);
        check("consumer lag (events)", second.consumerLag(), last.consumerLag(), 20_000, grew);
        check("heap after a full GC (MB)", second.liveHeapMb(), last.liveHeapMb(), 32, grew);
        check("open files", second.openFiles(), last.openFiles(), 20, grew);
        return grew;
    }

    private static void check(String measure, long early, long late, long floor, List<String> grew) {
        if (early >= 0 && late >= 0 && late > early * GROWTH_FACTOR + floor) {
            grew.add(measure + ": " + early + " in minute 2, " + late + " in the last");
        }
    }

    private String body(String meter, long request) {
        String timestamp = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS).toString();
        StringBuilder body = new StringBuilder(batch * 140).append('[');
        for (int i = 0; i < batch; i++) {
            long n = request * batch + i;
            body.append(i == 0 ? "" : ",").append("{\"id\":\"s").append(run).append('-').append(Long.toHexString(n))
                    .append("\",\"meter\":\"").append(meter).append("\",\"customer\":\"bench-").append(n % customers)
                    .append("\",\"timestamp\":\"").append(timestamp).append("\",\"value\":\"1\"}");
        }
        return body.append(']').toString();
    }

    private void send(StackApi api, String body) {
        try {
            HttpResponse<String> response = api.http().send(HttpRequest.newBuilder(URI.create(stack.meteringUrl
                    + "/api/v1/events")).header("Authorization", "Bearer " + api.token())
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202) {
                throw new IllegalStateException("Ingest answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("Ingest failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A full collection in metering-service ({@code jcmd GC.run}, the JDK's own tool beside the java running this),
     * each minute: without it, the heap after GC that the JVM reports is the last major collection's, and a
     * ten-minute run with a 1 GB heap has none, so a leak would not show. It pauses metering for the collection
     * (tens of milliseconds with its small live set), which the minute's p99 includes.
     */
    private void fullGc() throws IOException, InterruptedException {
        Path jcmd = ProcessHandle.current().info().command().map(java -> Path.of(java).resolveSibling("jcmd"))
                .orElseThrow();
        for (ProcessHandle metering : PausedServices.running("metering-service")) {
            Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(metering.pid()), "GC.run")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (gc.waitFor() != 0) {
                throw new IllegalStateException("jcmd " + metering.pid() + " GC.run failed with " + gc.exitValue());
            }
        }
    }

    /** The figures the soak follows, from metering's /q/metrics (summed over their labels; heap: its pools). */
    private Map<String, Long> metrics(StackApi api) throws IOException, InterruptedException {
        String text = api.http().send(HttpRequest.newBuilder(URI.create(stack.meteringUrl + "/q/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("^(meterline_ingest_stored_total|meterline_ingest_consumer_lag|"
                + "jvm_memory_used_bytes|process_files_open_files)(\\{[^}]*\\})? ([0-9.eE+-]+)$", Pattern.MULTILINE)
                .matcher(text);
        Map<String, Long> values = new LinkedHashMap<>();
        while (m.find()) {
            String name = m.group(1);
            if (name.equals("jvm_memory_used_bytes")) {
                if (m.group(2) == null || !m.group(2).contains("area=\"heap\"")) {
                    continue;
                }
                name = "heap";
            }
            // Counts and bytes are whole numbers, whatever notation Prometheus's text gives them (1.2345E7): read exactly.
            values.merge(name, new java.math.BigDecimal(m.group(3)).setScale(0, java.math.RoundingMode.HALF_UP)
                    .longValueExact(), Long::sum);
        }
        return values;
    }

    private String markdown(List<Minute> perMinute, List<String> grew) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "`./meterline bench soak --minutes %d --rate %d%s%s`, measured %s on %d "
                + "cores, everything co-located%s: batch %d, %d in flight, %d customers%s.%n%n", minutes, rate,
                ledger > 0 ? " --ledger " + ledger : "", withoutProjections ? " --without-projections" : "",
                LocalDate.now(ZoneOffset.UTC), Runtime.getRuntime().availableProcessors(),
                withoutProjections ? " (projection-service paused)" : "", batch, concurrency, customers,
                ledger > 0 ? String.format(Locale.ROOT, "; the dedup ledger filled to %,d identities first", ledger)
                        : ""));
        md.append("| minute | accepted events/s | stored events/s | request p50 / p99 | consumer lag | heap after a full GC "
                + "| open files |\n|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Minute m : perMinute) {
            md.append(String.format(Locale.ROOT, "| %d | %,d | %,d | %d / %d ms | %,d | %,d MB | %,d |%n", m.minute(),
                    m.acceptedPerSecond(), m.storedPerSecond(), m.p50Ms(), m.p99Ms(), m.consumerLag(),
                    m.liveHeapMb(), m.openFiles()));
        }
        md.append(String.format(Locale.ROOT, "%n%s%n", grew.isEmpty()
                ? "Passed: none of them grew from the second minute to the last (more than half again, plus 50 ms, "
                        + "20,000 events, 32 MB or 20 files)."
                : "Failed: " + String.join("; ", grew) + "."));
        return md.toString();
    }
}
