package io.meterline.bench;

import static io.meterline.bench.Bench.all;
import static io.meterline.bench.Bench.log;
import static io.meterline.bench.Bench.percentile;
import static io.meterline.bench.Bench.sleep;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The projection benchmark, against a running stack: freshness from metering's 202 to projection's API at two
 * ingest rates; a full recompute of every client, cold (every forecast model fitted from weeks of hourly history)
 * and warm (the models applied); and the analytics endpoints' latency over twelve months of invoices.
 */
@Command(name = "projection", mixinStandardHelpOptions = true,
        description = "Benchmark projections (freshness, recompute, analytics) against a running ./meterline up.")
public final class ProjectionBenchmark implements Callable<Integer> {

    /** Lago's and OpenMeter's usage reaches their dashboards in about 2 s: the anchor we compare with. */
    static final long PEERS_FRESHNESS_MS = 2_000;

    @Option(names = "--clients", defaultValue = "10000", description = "Clients (default ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--buckets", defaultValue = "5", description = "Buckets per client (default ${DEFAULT-VALUE}).")
    int buckets;

    @Option(names = "--freshness-clients", defaultValue = "1000",
            description = "Clients the freshness load is spread over (default ${DEFAULT-VALUE}).")
    int freshnessClients;

    @Option(names = "--rates", defaultValue = "5000,20000", split = ",",
            description = "Ingest rates, events/s (default ${DEFAULT-VALUE}).")
    int[] rates;

    @Option(names = "--seconds", defaultValue = "30", description = "Seconds at each rate (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warmup-seconds", defaultValue = "15",
            description = "Seconds of unmeasured load at the first rate before freshness is measured (default "
                    + "${DEFAULT-VALUE}).")
    int warmupSeconds;

    @Option(names = "--probes", defaultValue = "20", description = "Probe clients (default ${DEFAULT-VALUE}).")
    int probes;

    @Option(names = "--history-days", defaultValue = "28",
            description = "Days of hourly history per client and meter (default ${DEFAULT-VALUE}).")
    int historyDays;

    @Option(names = "--months", defaultValue = "12", description = "Months of invoices (default ${DEFAULT-VALUE}).")
    int months;

    @Option(names = "--analytics-clients", defaultValue = "1000",
            description = "Clients with invoices (default ${DEFAULT-VALUE}).")
    int analyticsClients;

    @Option(names = "--requests", defaultValue = "100",
            description = "Timed requests per analytics endpoint (default ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--concurrency", defaultValue = "8", description = "Requests in flight (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Mixin
    StackOptions stack;

    @Option(names = "--json", description = "Print one JSON object with the results, last.")
    boolean json;

    /** The benchmark's parts, as --parts names them. */
    enum Part {
        freshness, recompute, analytics
    }

    @Option(names = "--parts", defaultValue = "freshness,recompute,analytics", split = ",",
            description = "Which parts to run, of ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}); only a run "
                    + "of all three is reported.")
    java.util.Set<Part> parts;

    @Option(names = "--kafka", defaultValue = "${env:METERLINE_KAFKA:-127.0.0.1:9092}")
    String kafka;

    @Option(names = "--report", description = "Write the results into this Markdown file (default docs/benchmarks.md "
            + "for a full-size run).")
    Path report;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private StackApi api;

    @Override
    public Integer call() throws Exception {
        api = new StackApi(stack.home);
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            Instant monthStart = YearMonth.from(Instant.now().atOffset(ZoneOffset.UTC)).atDay(1).atStartOfDay()
                    .toInstant(ZoneOffset.UTC);
            List<String> meters = new ArrayList<>();
            List<UUID> unitTypes = new ArrayList<>();
            List<String> unitTypeNames = new ArrayList<>();
            for (int k = 0; k < buckets; k++) {
                meters.add("pb_" + run + "_" + k);
                api.post(stack.meteringUrl + "/api/v1/meters", Map.of("apiName", meters.get(k), "displayName",
                        "Projection bench " + k, "aggregation", "SUM"), 201);
                unitTypeNames.add("pb-" + run + "-" + k);
                unitTypes.add(UUID.fromString(api.post(stack.pricingUrl + "/api/v1/unit-types", Map.of("name",
                        unitTypeNames.get(k), "meter", meters.get(k), "aggregation", "SUM", "currency", "USD",
                        "commitUnits", Long.toString(2_000 + 500L * k), "basePrice", (100 + 10 * k) + ".00",
                        "overageRate", "0.05"), 201).get("id").asText()));
            }
            awaitUnitTypes(unitTypeNames);
            log("Setting up %,d clients with %d buckets each through billing's API (not measured)...", clients,
                    buckets);
            List<String> customers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                customers.add("pb-" + run + "-c" + i);
            }
            List<String> ids = all(pool, clients, i -> api.post(stack.billingUrl + "/api/v1/clients", Map.of("name",
                    "Projection bench " + i, "externalId", customers.get(i), "currency", "USD", "timeZone", "UTC",
                    "startsAt", monthStart.minus(Duration.ofDays(400)).toString()), 201).get("id").asText());
            List<String> bucketIds = all(pool, clients * buckets, n -> api.post(stack.billingUrl + "/api/v1/buckets",
                    Map.of("client", ids.get(n / buckets), "unitType", unitTypeNames.get(n % buckets), "startsAt",
                            monthStart.minus(Duration.ofDays(400)).toString()), 201).get("id").asText());
            awaitKnown(ids.get(ids.size() - 1), bucketIds.get(bucketIds.size() - 1));
            ProjectionSeed seed = new ProjectionSeed(stack.postgresPort);
            seed.awaitRecomputed(Duration.ofMinutes(10));

            Map<String, Object> result = new LinkedHashMap<>();
            result.put("benchmark", "projection");
            result.put("clients", clients);
            result.put("buckets", clients * buckets);
            if (parts.contains(Part.freshness)) {
                result.put("freshnessClients", Math.min(freshnessClients, clients));
                result.put("freshnessMs", freshness(customers, ids, bucketIds, meters));
                result.put("peersFreshnessMs", PEERS_FRESHNESS_MS);
            }
            Instant now = Instant.now();
            if (parts.contains(Part.recompute)) {
                log("Seeding %d days of hourly history for %,d clients × %d meters in projection's tables "
                        + "(not measured)...", historyDays, clients, buckets);
                seed.history(customers, meters, historyDays, now);
                seed.forgetModels();
                log("Full recompute, cold: every forecast model fitted from the history...");
                JsonNode cold = recompute();
                log("Full recompute, warm: the models applied...");
                JsonNode warm = recompute();
                result.put("recomputeClients", warm.get("clients").asInt());
                result.put("recomputeSeconds", seconds(warm.get("millis").asLong()));
                result.put("recomputeColdSeconds", seconds(cold.get("millis").asLong()));
                result.put("historyDays", historyDays);
            }
            if (parts.contains(Part.analytics)) {
                int invoiced = Math.min(analyticsClients, clients);
                log("Publishing %d months of invoices for %,d clients as billing does (not measured)...", months,
                        invoiced);
                int sent = seed.invoices(kafka, ids.subList(0, invoiced), customers.subList(0, invoiced), unitTypes,
                        months, now);
                seed.awaitInvoices(ids.subList(0, invoiced), sent, Duration.ofMinutes(10));
                Map<String, Long> analytics = analytics(now);
                result.put("analyticsClients", invoiced);
                result.put("analyticsMonths", months);
                result.put("analyticsP95Ms", analytics.values().stream().mapToLong(Long::longValue).max().orElse(0));
                result.put("analyticsP95MsByEndpoint", analytics);
            }
            String markdown = markdown(result);
            boolean whole = parts.containsAll(List.of(Part.values()));
            Path doc = !whole ? null : report != null ? report : clients >= 10_000 ? Path.of("docs/benchmarks.md")
                    : null;
            BenchmarkReport.publish(doc, "projection-benchmark", "Projections", markdown, result, json);
            return 0;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Freshness at each rate over the first {@code --freshness-clients} clients, the first few of them probes. */
    private Map<String, Object> freshness(List<String> customers, List<String> ids, List<String> bucketIds,
            List<String> meters) throws Exception {
        Map<String, Object> freshness = new LinkedHashMap<>();
        int load = Math.min(freshnessClients, clients);
        List<FreshnessRun.Probe> probeClients = new ArrayList<>();
        for (int i = 0; i < Math.min(probes, load); i++) {
            probeClients.add(new FreshnessRun.Probe(customers.get(i), ids.get(i), bucketIds.get(i * buckets)));
            awaitKnown(ids.get(i), bucketIds.get(i * buckets));
        }
        List<String> loadCustomers = customers.subList(probeClients.size(), load);
        FreshnessRun fresh = new FreshnessRun(api, stack.meteringUrl, stack.projectionUrl, meters.get(0), run);
        if (warmupSeconds > 0) {
            log("Warming up: %,d events/s for %d s (not measured)...", rates[0], warmupSeconds);
            fresh.warmUp(rates[0], warmupSeconds, loadCustomers, concurrency);
        }
        for (int rate : rates) {
            log("Freshness at %,d events/s over %,d clients for %d s...", rate, load, seconds);
            freshness.put(Integer.toString(rate), fresh.measure(rate, seconds, loadCustomers, probeClients,
                    concurrency));
        }
        return freshness;
    }

    private JsonNode recompute() {
        JsonNode pass = api.post(stack.projectionUrl + "/api/v1/projections/recompute", "", 200,
                Duration.ofMinutes(30));
        log("  %s clients in %s ms", pass.get("clients").asText(), pass.get("millis").asText());
        return pass;
    }

    /** Each endpoint: 10 untimed requests, then {@code requests} timed ones; its p95 in ms. */
    private Map<String, Long> analytics(Instant now) {
        YearMonth current = YearMonth.from(now.atOffset(ZoneOffset.UTC));
        String from = current.minusMonths(months).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).toString();
        String to = current.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).toString();
        String range = "from=" + from + "&to=" + to;
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put("margin by client", "/api/v1/analytics/margin?" + range + "&groupBy=client");
        endpoints.put("margin by meter", "/api/v1/analytics/margin?" + range + "&groupBy=meter");
        endpoints.put("margin by dimension", "/api/v1/analytics/margin?" + range + "&groupBy=dimension&dimension=model");
        endpoints.put("margin by source type", "/api/v1/analytics/margin?" + range + "&groupBy=sourceType");
        endpoints.put("margin trend (12 months)", "/api/v1/analytics/margin/trend?months=12");
        endpoints.put("unit economics by client", "/api/v1/analytics/unit-economics?" + range + "&groupBy=client");
        endpoints.put("dashboard", "/api/v1/analytics/dashboard");
        endpoints.put("over/under", "/api/v1/analytics/over-under");
        endpoints.put("projections (a page of 50)", "/api/v1/projections?size=50");
        Map<String, Long> p95 = new LinkedHashMap<>();
        endpoints.forEach((name, path) -> {
            for (int i = 0; i < 10; i++) {
                api.get(stack.projectionUrl + path);
            }
            long[] ms = new long[requests];
            for (int i = 0; i < requests; i++) {
                long started = System.nanoTime();
                api.get(stack.projectionUrl + path);
                ms[i] = (System.nanoTime() - started) / 1_000_000;
            }
            Arrays.sort(ms);
            p95.put(name, percentile(ms, 0.95));
            log("  %s: p50 %d ms, p95 %d ms", name, percentile(ms, 0.5), p95.get(name));
        });
        return p95;
    }

    private void awaitUnitTypes(List<String> names) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (String name : names) { // the catalog reaches billing over Kafka
            while (api.status(stack.billingUrl + "/api/v1/buckets?size=1&unitType=" + name) != 200) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("billing never saw unit type " + name);
                }
                sleep(200);
            }
        }
    }

    /** Waits until projection has billing's client and bucket (they arrive over Kafka). */
    private void awaitKnown(String client, String bucket) {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (api.status(stack.projectionUrl + "/api/v1/projections?client=" + client + "&bucket=" + bucket) != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("projection never saw client " + client + " and bucket " + bucket);
            }
            sleep(500);
        }
    }

    /** Milliseconds in seconds, two decimals. */
    static double seconds(long millis) {
        return new BigDecimal(millis).movePointLeft(3).setScale(2, java.math.RoundingMode.HALF_UP).doubleValue();
    }

    @SuppressWarnings("unchecked")
    private String markdown(Map<String, Object> r) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "`./meterline bench projection`, measured %s on %d cores, everything "
                + "co-located: %,d clients × %d buckets; freshness over %,d of them; %d days of hourly history per "
                + "client and meter; %d months of invoices for %,d clients.%n%n",
                java.time.LocalDate.now(ZoneOffset.UTC), Runtime.getRuntime().availableProcessors(),
                (Integer) r.get("clients"), buckets, (Integer) r.get("freshnessClients"), historyDays, months,
                (Integer) r.get("analyticsClients")));
        md.append("| measure | result | target |\n|---|---:|---|\n");
        if (r.containsKey("freshnessMs")) {
            ((Map<String, Object>) r.get("freshnessMs")).forEach((rate, v) -> {
                Map<String, Object> f = (Map<String, Object>) v;
                md.append(String.format(Locale.ROOT, "| freshness at %,d events/s asked (%,d accepted): p50 / p99 "
                        + "| %s / %s ms (%s probes; %s not reflected within 30 s, counted at 30 s) "
                        + "| p99 < 1,000 ms at 5,000/s |%n",
                        Integer.parseInt(rate), (Long) f.get("eventsPerSecondAccepted"), f.get("p50"), f.get("p99"),
                        f.get("probes"), f.get("timeouts")));
            });
            md.append(String.format(Locale.ROOT, "| Lago's and OpenMeter's freshness (anchor) | about %,d ms | |%n",
                    PEERS_FRESHNESS_MS));
        }
        if (r.containsKey("recomputeSeconds")) {
            md.append(String.format(Locale.ROOT, "| full recompute, %,d clients, models applied | %s s | < 10 s |%n",
                    (Integer) r.get("recomputeClients"), r.get("recomputeSeconds")));
            md.append(String.format(Locale.ROOT, "| full recompute, cold: every model fitted from the history | %s s "
                    + "| |%n", r.get("recomputeColdSeconds")));
        }
        if (r.containsKey("analyticsP95MsByEndpoint")) {
            ((Map<String, Long>) r.get("analyticsP95MsByEndpoint")).forEach((name, p95) -> md.append(String.format(
                    Locale.ROOT, "| %s, p95 | %d ms | < 200 ms |%n", name, p95)));
        }
        return md.toString();
    }
}
