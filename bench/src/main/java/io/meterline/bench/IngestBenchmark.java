package io.meterline.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.postgresql.PGConnection;

import io.meterline.localstack.postgres.PostgresServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./meterline bench ingest}: sends events to a running stack's ingest API, waits until the last one is stored,
 * checks that none was lost or counted twice, and compares the stored rate with the fastest plain route into the
 * same PostgreSQL: JDBC COPY of the same rows into a table with the same primary key.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Benchmark ingest against a running ./meterline up, with a JDBC COPY baseline in the same run.")
public final class IngestBenchmark extends LoadOptions implements Callable<Integer> {

    @Mixin
    StackOptions stack;

    @Option(names = "--events", defaultValue = "2000000", description = "Events to send (default ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--duplicates", defaultValue = "0",
            description = "Percentage of requests sent a second time, as a client retry would (default ${DEFAULT-VALUE}).")
    int duplicates;

    @Option(names = "--warmup", defaultValue = "2000000",
            description = "Events sent and stored first, unmeasured, so the JIT has compiled the path; at --rate if given "
                    + "(default ${DEFAULT-VALUE}).")
    long warmup;

    @Option(names = "--ledger-window", defaultValue = "P40D",
            description = "The window the filled identities were first seen over (default ${DEFAULT-VALUE}, the dedup window).")
    Duration ledgerWindow;

    @Option(names = "--ledger-epoch", defaultValue = "P10D", description = "The ledger epoch the filled identities are "
            + "sealed in, as metering's meterline.ingest.ledger-epoch (default ${DEFAULT-VALUE}).")
    Duration ledgerEpoch;

    @Option(names = "--ledger-epoch-minimum", defaultValue = "P1D", description = "The youngest a filled epoch is "
            + "sealed for its key's size, as metering's meterline.ingest.ledger-epoch-minimum (default ${DEFAULT-VALUE}).")
    Duration ledgerEpochMinimum;

    @Option(names = "--rate", defaultValue = "0", description = "Send at this many events/s instead of as fast as "
            + "the API takes them, to measure the ingest-to-stored lag below the peak (default ${DEFAULT-VALUE}: no limit).")
    long rate;

    @Option(names = "--report", description = "Write the results into this Markdown file (default docs/benchmarks.md "
            + "when the full 2,000,000 events are sent).")
    Path report;

    @Option(names = "--timeout", defaultValue = "PT10M", description = "Give up waiting for storage after this long.")
    Duration timeout;

    /**
     * This run's name: its meter carries it, so runs never mix. Its customers are the same in every run (and in a
     * ledger fill), as a deployment's customers keep sending.
     */
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    /** Scrambles the run's event numbers into ids, unique in the run and spread over the key space as SDKs' are. */
    private final long idSeed = UUID.randomUUID().getMostSignificantBits();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    @Override
    public Integer call() throws Exception {
        if (!withoutProjections) {
            return measure();
        }
        try (PausedServices paused = PausedServices.pause("projection-service")) {
            return measure();
        }
    }

    private int measure() throws Exception {
        String meter = "bench_" + run;
        String token = token();
        post("/api/v1/meters", token, "{\"apiName\":\"" + meter + "\",\"displayName\":\"Benchmark " + run
                + "\",\"unit\":\"units\",\"aggregation\":\"SUM\",\"dimensions\":[\"region\"]}", 201);
        String[] hour = hourOfSeconds(Instant.now().minus(90, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS));
        if (ledger > 0) {
            try (Connection db = connect("metering")) {
                LedgerFill.fillTo(db, ledger, ledgerWindow, ledgerEpoch, ledgerEpochMinimum, customers,
                        LedgerFill.keyLimit(http, stack.meteringUrl));
            }
            token = token(); // a fill outlasts the token's lifetime
        }
        if (warmup > 0) {
            // The services start cold: let the JIT compile the ingest path first, as any steady state would have it.
            // A paced run warms up at its own rate, so that it measures that rate's steady state, not the tail of an
            // unpaced burst still draining downstream (metered batches, projections).
            log("Warming up with %,d events (not measured)...", warmup);
            double before = metrics().getOrDefault("meterline_ingest_stored_total", 0.0);
            sendAll(token, meter, "w", hour, warmup, 0, rate);
            try (Connection db = connect("metering")) {
                awaitStored(before, warmup, db, meter, warmup);
            }
        }
        log("Sending %,d events in %,d requests of %d, %d in flight, %d%% re-sent, %s, to %s...", events,
                (events + batch - 1) / batch, batch, concurrency, duplicates,
                rate > 0 ? String.format(Locale.ROOT, "at %,d events/s", rate) : "as fast as accepted", stack.meteringUrl);
        Map<String, Double> metricsBefore = metrics();
        long sendStart = System.nanoTime();
        Sent sent = sendAll(token, meter, "b", hour, events, duplicates, rate);
        long sendEnd = System.nanoTime();
        long[][] latencies = sent.latencies();
        AtomicLong resent = sent.resent();
        double sendSeconds = (sendEnd - sendStart) / 1e9;
        log("Accepted %,d events in %.1f s; waiting for the last one to be stored...", events, sendSeconds);

        long storedAt;
        try (Connection db = connect("metering")) {
            try (Statement s = db.createStatement()) {
                s.execute("SET work_mem = '512MB'"); // the checks below sort millions of ids
            }
            double storedBefore = metricsBefore.getOrDefault("meterline_ingest_stored_total", 0.0);
            storedAt = awaitStored(storedBefore, events, db, meter, warmup + events);
            double storedSeconds = (storedAt - sendStart) / 1e9;
            // Ids are unique in a run ("b" + 16 hex; the warm-up's "w" + 16 hex), so distinct ids are distinct identities.
            String measured = "meter = '" + meter + "' AND event_id LIKE 'b%'";
            long distinct = single(db, "SELECT count(DISTINCT event_id) FROM meter_event WHERE " + measured);
            long rolledUp = single(db, "SELECT coalesce(sum(event_count), 0) FROM usage_rollup WHERE meter = '" + meter
                    + "'") - warmup;
            long storedSum = single(db, "SELECT coalesce(sum(value), 0)::bigint FROM meter_event WHERE " + measured);
            long expectedSum = expectedSum();
            long lost = events - distinct;
            long doubleCounted = Math.max(0, rolledUp - events) + Math.max(0, storedSum - expectedSum);
            double[] lag = lagMillis(db, measured);
            Map<String, Double> metricsAfter = metrics();
            LedgerFill.LedgerSize ledgerAfter = LedgerFill.size(db);

            log("Stored in %.1f s. Running the baseline: COPY of the same %,d rows...", storedSeconds, events);
            double baselineSeconds = baseline(db, meter, hour);
            double storedRate = events / storedSeconds;
            double baselineRate = events / baselineSeconds;
            long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("events", events);
            result.put("batch", batch);
            result.put("concurrency", concurrency);
            result.put("customers", customers);
            result.put("duplicatesPercent", duplicates);
            result.put("warmupEvents", warmup);
            result.put("requestsResent", resent.get());
            result.put("targetRate", rate);
            result.put("projectionsPaused", withoutProjections);
            result.put("ledger", ledgerFigures(ledgerAfter, metricsBefore, metricsAfter));
            result.put("eventsPerSecondAccepted", Math.round(events / sendSeconds));
            result.put("eventsPerSecondStored", Math.round(storedRate));
            result.put("latencyMs", Map.of("p50", percentile(all, 0.50), "p95", percentile(all, 0.95),
                    "p99", percentile(all, 0.99)));
            result.put("ingestToStoredMs", Map.of("p50", lag[0], "p99", lag[1]));
            result.put("baselineRowsPerSecond", Math.round(baselineRate));
            result.put("ratioToBaseline", Math.round(storedRate / baselineRate * 100) / 100.0);
            result.put("lost", lost);
            result.put("doubleCounted", doubleCounted);
            result.put("profileSeconds", profile(metricsBefore, metricsAfter));
            // The standard run alone rewrites the table; runs with a filled ledger or a rate go into their own rows.
            Path doc = report != null ? report
                    : events >= 2_000_000 && ledger == 0 && rate == 0 && !withoutProjections
                            ? Path.of("docs/benchmarks.md") : null;
            BenchmarkReport.publish(doc, "ingest-benchmark", "Ingest", markdown(result), result, json);
            return lost == 0 && doubleCounted == 0 ? 0 : 1;
        }
    }

    /** The ledger's size after the run, and how often the sealed epochs' filters sent a claim to an index. */
    private static Map<String, Object> ledgerFigures(LedgerFill.LedgerSize size, Map<String, Double> before,
            Map<String, Double> after) {
        double checks = delta(before, after, "meterline_ingest_ledger_checks_total");
        double probes = delta(before, after, "meterline_ingest_ledger_probes_total");
        double found = delta(before, after, "meterline_ingest_ledger_found_sealed_total");
        Map<String, Object> ledger = new LinkedHashMap<>();
        ledger.put("identities", size.identities());
        ledger.put("epochs", size.epochs());
        ledger.put("currentEpochIdentities", size.currentIdentities());
        ledger.put("currentKeyMB", size.currentKeyBytes() >> 20);
        ledger.put("tableMB", size.tableBytes() >> 20);
        ledger.put("primaryKeyMB", size.keyBytes() >> 20);
        ledger.put("filterMB", size.filterBytes() >> 20);
        ledger.put("sealedChecks", Math.round(checks));
        ledger.put("sealedProbes", Math.round(probes));
        // Every identity of the measured run is new, so a probe that found nothing was a filter's false positive.
        ledger.put("filterFalsePositiveRate", checks == 0 ? 0.0 : (probes - found) / checks);
        return ledger;
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String metric) {
        return after.getOrDefault(metric, 0.0) - before.getOrDefault(metric, 0.0);
    }

    /** What the senders measured: each worker's request latencies, and how many requests they sent twice. */
    private record Sent(long[][] latencies, AtomicLong resent) {
    }

    /**
     * Sends {@code total} events with ids {@code prefix + n}, {@link #concurrency} requests at a time; with
     * {@code eventsPerSecond} above 0, each request waits for its turn on that schedule.
     */
    private Sent sendAll(String token, String meter, String prefix, String[] hour, long total, int resendPercent,
            long eventsPerSecond) throws Exception {
        long requests = (total + batch - 1) / batch;
        AtomicLong next = new AtomicLong();
        AtomicLong resent = new AtomicLong();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<long[]>> workers = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                workers.add(pool.submit(() -> {
                    List<Long> mine = new ArrayList<>();
                    for (long r = next.getAndIncrement(); r < requests; r = next.getAndIncrement()) {
                        String body = body(meter, prefix, hour, total, r);
                        if (eventsPerSecond > 0) {
                            long due = start + r * batch * 1_000_000_000L / eventsPerSecond;
                            // The driver's schedule: this request may go out at its turn, not before.
                            LockSupport.parkNanos(due - System.nanoTime());
                        }
                        mine.add(send(token, body));
                        if (resendPercent > 0 && ThreadLocalRandom.current().nextInt(100) < resendPercent) {
                            mine.add(send(token, body));
                            resent.incrementAndGet();
                        }
                    }
                    return mine.stream().mapToLong(Long::longValue).toArray();
                }));
            }
            long[][] latencies = new long[concurrency][];
            for (int w = 0; w < concurrency; w++) {
                latencies[w] = workers.get(w).get();
            }
            return new Sent(latencies, resent);
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Waits until the service's stored-events counter has grown by {@code count} and this run's meter holds
     * {@code rolledUp} events in its rollups, and returns when (System.nanoTime). It watches the counter first (cheap)
     * rather than counting rows, which would compete with the writer for the same cores; the counter is the whole
     * service's, so anything else sent meanwhile moves it too, and the meter's own rollups then decide: a late event is
     * waited for, never reported lost.
     */
    private long awaitStored(double before, long count, Connection db, String meter, long rolledUp)
            throws InterruptedException, SQLException {
        Progress progress = new Progress();
        for (double stored = storedSince(before); stored < count; stored = storedSince(before)) {
            progress.check(stored, count);
            Thread.sleep(100); // polling the service's counter: this is a benchmark driver, not a test
        }
        long at = System.nanoTime();
        Progress own = new Progress();
        String sql = "SELECT coalesce(sum(event_count), 0) FROM usage_rollup WHERE meter = '" + meter + "'";
        for (long stored = single(db, sql); stored < rolledUp; stored = single(db, sql)) {
            own.check(stored, rolledUp);
            Thread.sleep(250); // only when the counter was moved by traffic from elsewhere: rarely, and briefly
            at = System.nanoTime();
        }
        return at;
    }

    private double storedSince(double before) {
        return metrics().getOrDefault("meterline_ingest_stored_total", 0.0) - before;
    }

    /** Gives up when a count has not grown for the timeout. */
    private final class Progress {
        private double seen = -1;
        private long lastProgress = System.nanoTime();

        void check(double stored, long count) {
            if (stored > seen) {
                seen = stored;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > timeout.toNanos()) {
                throw new IllegalStateException("Storage stalled at " + (long) stored + " of " + count + " events.");
            }
        }
    }

    /**
     * The id of the run's {@code n}th event: the prefix, then 16 hex digits that look random (a bijective mix of
     * {@code n}), as generated ids (UUIDs, ULIDs' random part) do: new ids land all over the ledger's key, not at its
     * end.
     */
    String eventId(String prefix, long n) {
        long h = n + idSeed;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        String hex = Long.toHexString(h);
        return prefix + "0".repeat(16 - hex.length()) + hex;
    }

    private String body(String meter, String prefix, String[] hour, long total, long request) {
        StringBuilder body = new StringBuilder(batch * 160).append('[');
        long first = request * batch;
        long last = Math.min(total, first + batch);
        for (long i = first; i < last; i++) {
            if (i > first) {
                body.append(',');
            }
            body.append("{\"id\":\"").append(eventId(prefix, i)).append("\",\"meter\":\"").append(meter)
                    .append("\",\"customer\":\"bench-").append(i % customers)
                    .append("\",\"timestamp\":\"").append(timestamp(hour, i)).append("\",\"value\":\"")
                    .append(value(i)).append("\",\"dimensions\":{\"region\":\"r").append(i % 4).append("\"}}");
        }
        return body.append(']').toString();
    }

    /** The hour of seconds after base as ISO text: the sender formats millions of timestamps, java.time is slow at it. */
    private static String[] hourOfSeconds(Instant base) {
        String[] hour = new String[3600];
        for (int s = 0; s < hour.length; s++) {
            String text = base.plusSeconds(s).toString(); // yyyy-MM-ddTHH:mm:ssZ: base is whole seconds
            hour[s] = text.substring(0, text.length() - 1);
        }
        return hour;
    }

    /** Event i's timestamp: spread over the hour, to the millisecond. */
    private static CharSequence timestamp(String[] hour, long i) {
        long millis = (i * 7919) % 3_600_000;
        return new StringBuilder(24).append(hour[(int) (millis / 1000)]).append('.')
                .append((char) ('0' + millis % 1000 / 100)).append((char) ('0' + millis % 100 / 10))
                .append((char) ('0' + millis % 10)).append('Z');
    }

    private static long value(long i) {
        return i % 1000 + 1;
    }

    private long expectedSum() {
        long sum = 0;
        for (long i = 0; i < events; i++) {
            sum += value(i);
        }
        return sum;
    }

    private long send(String token, String body) {
        long started = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.meteringUrl + "/api/v1/events"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202 || !response.body().contains("\"rejected\":[]")) {
                throw new IllegalStateException("Ingest answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("Ingest failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return System.nanoTime() - started;
    }

    /** The same unique rows, the fastest plain way: COPY into a table with the same primary key. */
    private double baseline(Connection db, String meter, String[] hour) throws SQLException, IOException {
        try (Statement s = db.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_baseline");
            s.execute("CREATE TABLE bench_baseline (scope text, event_id text, event_time timestamptz, meter text, "
                    + "customer text, value numeric(38, 9), dimensions jsonb, PRIMARY KEY (scope, event_id))");
        }
        long started = System.nanoTime();
        StringBuilder rows = new StringBuilder();
        for (long i = 0; i < events; i++) {
            String customer = "bench-" + (i % customers);
            rows.append("c:").append(customer).append('\t').append(eventId("b", i)).append('\t')
                    .append(timestamp(hour, i)).append('\t').append(meter).append('\t')
                    .append(customer).append('\t').append(value(i)).append("\t{\"region\": \"r").append(i % 4)
                    .append("\"}\n");
            if (rows.length() > 8_000_000 || i == events - 1) {
                try (Reader reader = new StringReader(rows.toString())) {
                    db.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY bench_baseline FROM STDIN", reader);
                }
                rows.setLength(0);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        try (Statement s = db.createStatement()) {
            s.execute("DROP TABLE bench_baseline");
        }
        return seconds;
    }

    private static double[] lagMillis(Connection db, String measured) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM stored_at - ingested_at)), "
                        + "percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM stored_at - ingested_at)) "
                        + "FROM meter_event WHERE " + measured)) {
            rs.next();
            return new double[] { Math.round(rs.getDouble(1) * 1000), Math.round(rs.getDouble(2) * 1000) };
        }
    }

    /** Where the consumer's time went during the run, from the service's own timers. */
    private static Map<String, Object> profile(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Object> profile = new LinkedHashMap<>();
        for (String timer : List.of("meterline_ingest_consumer_parse", "meterline_ingest_writer_claim",
                "meterline_ingest_ledger_epochs", "meterline_ingest_ledger_filters", "meterline_ingest_ledger_probe",
                "meterline_ingest_ledger_current", "meterline_ingest_writer_copy", "meterline_ingest_writer_rollup",
                "meterline_ingest_writer_commit", "meterline_ingest_consumer_offset_commit")) {
            double spent = delta(before, after, timer + "_seconds_sum");
            profile.put(timer.replace("meterline_ingest_", ""), Math.round(spent * 10) / 10.0);
        }
        return profile;
    }

    private Map<String, Double> metrics() {
        Map<String, Double> values = new LinkedHashMap<>();
        try {
            String text = http.send(HttpRequest.newBuilder(URI.create(stack.meteringUrl + "/q/metrics")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = Pattern.compile("^(meterline_[a-z_]+(?:_seconds_sum|_total))(\\{[^}]*\\})? ([0-9.eE+-]+)$",
                    Pattern.MULTILINE)
                    .matcher(text);
            while (m.find()) {
                values.merge(m.group(1), Double.parseDouble(m.group(3)), Double::sum);
            }
        } catch (IOException e) {
            log("Could not read %s/q/metrics: %s", stack.meteringUrl, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return values;
    }

    private String token() {
        return StackApi.fetchToken(stack.home, http);
    }

    private void post(String path, String token, String body, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stack.meteringUrl + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + stack.postgresPort + "/" + database,
                PostgresServer.USER, PostgresServer.PASSWORD);
    }

    private static long single(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long percentile(long[] sortedNanos, double p) {
        return Math.round(Bench.percentile(sortedNanos, p) / 1e6);
    }

    private static String markdown(Map<String, Object> r) {
        @SuppressWarnings("unchecked")
        Map<String, Object> latency = (Map<String, Object>) r.get("latencyMs");
        @SuppressWarnings("unchecked")
        Map<String, Object> lag = (Map<String, Object>) r.get("ingestToStoredMs");
        @SuppressWarnings("unchecked")
        Map<String, Object> profile = (Map<String, Object>) r.get("profileSeconds");
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Measured %s on %d cores, everything co-located%s: %,d events, batch %s, "
                + "%s in flight, %s customers, %s%% re-sent, after %,d warm-up events.%n%n", LocalDate.now(ZoneOffset.UTC),
                Runtime.getRuntime().availableProcessors(),
                Boolean.TRUE.equals(r.get("projectionsPaused")) ? " (projection-service paused)" : "",
                (Long) r.get("events"), r.get("batch"), r.get("concurrency"),
                r.get("customers"), r.get("duplicatesPercent"), (Long) r.get("warmupEvents")));
        md.append("| measure | result | target |\n|---|---:|---|\n");
        md.append(String.format(Locale.ROOT, "| events/s accepted | %,d | |%n", (Long) r.get("eventsPerSecondAccepted")));
        md.append(String.format(Locale.ROOT, "| events/s stored (deduplicated, rolled up) | %,d | ≥ 50,000 |%n",
                (Long) r.get("eventsPerSecondStored")));
        md.append(String.format(Locale.ROOT, "| baseline: JDBC COPY rows/s, same PK, same PostgreSQL | %,d | |%n",
                (Long) r.get("baselineRowsPerSecond")));
        md.append(String.format(Locale.ROOT, "| ratio stored ÷ baseline | %s | ≥ 0.5 |%n", r.get("ratioToBaseline")));
        md.append(String.format(Locale.ROOT, "| request latency p50 / p95 / p99 | %s / %s / %s ms | p99 < 250 ms |%n",
                latency.get("p50"), latency.get("p95"), latency.get("p99")));
        md.append(String.format(Locale.ROOT, "| ingest-to-stored lag p50 / p99 | %s / %s ms | |%n", lag.get("p50"),
                lag.get("p99")));
        md.append(String.format(Locale.ROOT, "| lost / double-counted | %s / %s | 0 / 0 |%n", r.get("lost"),
                r.get("doubleCounted")));
        @SuppressWarnings("unchecked")
        Map<String, Object> ledger = (Map<String, Object>) r.get("ledger");
        md.append(String.format(Locale.ROOT, "| dedup ledger after the run: identities (epochs), partitions + keys, "
                + "filters | %,d (%d), %,d + %,d MB, %,d MB | |%n", (Long) ledger.get("identities"), ((Number) ledger.get("epochs")).longValue(),
                (Long) ledger.get("tableMB"), (Long) ledger.get("primaryKeyMB"), (Long) ledger.get("filterMB")));
        md.append(String.format(Locale.ROOT, "| sealed-epoch checks, index probes, filter false-positive rate | %,d, "
                + "%,d, %.5f | |%n", (Long) ledger.get("sealedChecks"), (Long) ledger.get("sealedProbes"),
                (Double) ledger.get("filterFalsePositiveRate")));
        md.append("\nWhere the consumer's time went (seconds, summed over batches): ");
        profile.forEach((k, v) -> md.append(k).append(' ').append(v).append("; "));
        md.setLength(md.length() - 2);
        md.append(".\n");
        return md.toString();
    }

    private static void log(String format, Object... args) {
        Bench.log(format, args);
    }
}
