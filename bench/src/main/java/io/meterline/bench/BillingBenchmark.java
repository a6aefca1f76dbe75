package io.meterline.bench;

import static io.meterline.bench.Bench.all;
import static io.meterline.bench.Bench.log;
import static io.meterline.bench.Bench.percentile;
import static io.meterline.bench.Bench.sleep;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;

import io.meterline.localstack.postgres.PostgresServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The billing benchmark: clients with several buckets each, a month of their usage sent through the real ingest API,
 * then one billing run over all of them, measured end to end; every invoice total is checked against a computation
 * made here, independently of billing's code. Then the invoice preview's latency for a client with tens of
 * thousands of usage rows.
 */
@Command(name = "billing", mixinStandardHelpOptions = true,
        description = "Benchmark a billing run (and the invoice preview) against a running ./meterline up.")
public final class BillingBenchmark implements Callable<Integer> {

    /** Kill Bill's measured cost of one account at a month end, the anchor we compare with. */
    static final double KILL_BILL_SECONDS_PER_ACCOUNT = 0.75;

    @Option(names = "--clients", defaultValue = "10000", description = "Clients to bill (default ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--buckets", defaultValue = "5", description = "Buckets per client, one per unit type and meter "
            + "(default ${DEFAULT-VALUE}).")
    int buckets;

    @Option(names = "--days", defaultValue = "30", description = "Events per bucket in the month: one a day "
            + "(default ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--concurrency", defaultValue = "8", description = "Requests in flight while setting up "
            + "(default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--preview-rows", defaultValue = "30000",
            description = "Usage rows (hourly rollups) of the client whose preview is timed (default ${DEFAULT-VALUE}).")
    int previewRows;

    @Option(names = "--preview-requests", defaultValue = "200",
            description = "Timed previews (default ${DEFAULT-VALUE}), after 20 untimed ones.")
    int previewRequests;

    @Mixin
    StackOptions stack;

    @Option(names = "--json", description = "Print one JSON object with the results, last.")
    boolean json;






    @Option(names = "--report", description = "Write the results into this Markdown file (default docs/benchmarks.md "
            + "for a full-size run).")
    Path report;

    @Option(names = "--timeout", defaultValue = "PT15M", description = "Give up waiting for the run after this long.")
    Duration timeout;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private StackApi api;

    /** A unit type of the benchmark: its meter and template. */
    record UnitType(String name, String meter, BigDecimal commit, BigDecimal base, BigDecimal overage) {
    }

    @Override
    public Integer call() throws Exception {
        api = new StackApi(stack.home);
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            YearMonth month = YearMonth.from(Instant.now().atOffset(ZoneOffset.UTC)).minusMonths(1);
            Instant monthStart = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            List<UnitType> unitTypes = unitTypes();
            log("Setting up %,d clients with %d buckets each (not measured)...", clients, buckets);
            List<String> ids = all(pool, clients, i -> createClient(i, monthStart));
            all(pool, clients * buckets, n -> createBucket(ids.get(n / buckets), unitTypes.get(n % buckets),
                    monthStart));
            long events = (long) clients * buckets * days;
            log("Sending %,d events for %s through the ingest API (not measured)...", events, month);
            long sendStarted = System.nanoTime();
            sendUsage(pool, unitTypes, monthStart);
            awaitStored(unitTypes, events);
            double sendSeconds = (System.nanoTime() - sendStarted) / 1e9;

            log("Billing %,d clients...", clients);
            Instant asOf = Instant.now();
            JsonNode started = api.post(stack.billingUrl + "/api/v1/billing-runs", Map.of("asOf", asOf.toString(),
                    "clients", ids), 202);
            String runId = started.get("id").asText();
            long wallStarted = System.nanoTime();
            JsonNode finished = awaitRun(runId);
            double wallSeconds = (System.nanoTime() - wallStarted) / 1e9;
            double runSeconds = Duration.between(Instant.parse(finished.get("createdAt").asText()),
                    Instant.parse(finished.get("finishedAt").asText())).toMillis() / 1000.0;

            log("Checking every invoice against an independent computation...");
            Map<String, String> expected = new HashMap<>();
            for (int i = 0; i < clients; i++) {
                expected.put(ids.get(i), expectedTotal(i, unitTypes));
            }
            int[] checked = check(expected, monthStart);

            log("Timing the invoice preview of a client with %,d usage rows...", previewRows);
            long[] preview = previewLatencies(pool, unitTypes);

            Map<String, Object> result = new LinkedHashMap<>();
            result.put("benchmark", "billing");
            result.put("clients", clients);
            result.put("buckets", clients * buckets);
            result.put("events", events);
            result.put("month", month.toString());
            result.put("status", finished.get("status").asText());
            result.put("runSeconds", runSeconds);
            result.put("runWallSeconds", Math.round(wallSeconds * 100) / 100.0);
            result.put("clientsPerSecond", Math.round(clients / runSeconds));
            result.put("msPerClient", Math.round(runSeconds * 1000.0 / clients * 100) / 100.0);
            result.put("killBillSecondsAnchor", Math.round(clients * KILL_BILL_SECONDS_PER_ACCOUNT));
            result.put("invoices", finished.get("invoices").asInt());
            result.put("invoicesChecked", checked[0]);
            result.put("mismatches", checked[1]);
            result.put("setupEventsPerSecond", Math.round(events / sendSeconds));
            result.put("previewRows", previewRows);
            result.put("previewP50Ms", percentile(preview, 0.50));
            result.put("previewP95Ms", percentile(preview, 0.95));
            result.put("previewP99Ms", percentile(preview, 0.99));
            String markdown = markdown(result);
            Path doc = report != null ? report : clients >= 10_000 ? Path.of("docs/benchmarks.md") : null;
            BenchmarkReport.publish(doc, "billing-benchmark", "Billing", markdown, result, json);
            return checked[1] == 0 && checked[0] == clients && "SUCCEEDED".equals(result.get("status")) ? 0 : 1;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Meters in metering and unit types in pricing, one per bucket, each with its own commit and prices. */
    private List<UnitType> unitTypes() {
        List<UnitType> types = new ArrayList<>();
        for (int k = 0; k < buckets; k++) {
            String meter = "bb_" + run + "_" + k;
            api.post(stack.meteringUrl + "/api/v1/meters", Map.of("apiName", meter, "displayName", "Billing bench " + k,
                    "aggregation", "SUM"), 201);
            UnitType type = new UnitType("bb-" + run + "-" + k, meter, BigDecimal.valueOf(500 + 100L * k),
                    new BigDecimal(String.format("%d.%02d", 100 + 17 * k, 7 * k % 100)),
                    new BigDecimal("0.0" + (3 + k) + "7"));
            api.post(stack.pricingUrl + "/api/v1/unit-types", Map.of("name", type.name(), "meter", meter,
                    "aggregation", "SUM", "currency", "USD", "commitUnits", type.commit().toPlainString(),
                    "basePrice", type.base().toPlainString(), "overageRate", type.overage().toPlainString()), 201);
            types.add(type);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (UnitType type : types) { // the catalog reaches billing over Kafka
            while (api.status(stack.billingUrl + "/api/v1/buckets?size=1&unitType=" + type.name()) != 200) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("billing never saw unit type " + type.name());
                }
                sleep(200);
            }
        }
        return types;
    }

    private String customer(int i) {
        return "bb-" + run + "-c" + i;
    }

    private String createClient(int i, Instant startsAt) {
        return api.post(stack.billingUrl + "/api/v1/clients", Map.of("name", "Bench client " + i, "externalId",
                customer(i), "currency", "USD", "timeZone", "UTC", "billingCycle", Map.of("type", "CALENDAR_MONTH"),
                "startsAt", startsAt.toString(), "gracePeriod", "PT0S"), 201).get("id").asText();
    }

    private String createBucket(String client, UnitType type, Instant startsAt) {
        return api.post(stack.billingUrl + "/api/v1/buckets", Map.of("client", client, "unitType", type.name(),
                "startsAt", startsAt.toString()), 201).get("id").asText();
    }

    /** The value of client {@code i}'s event on day {@code d} for unit type {@code k}: some clients end over, some under. */
    private static long value(int i, int k, int d) {
        return 5 + (i * 31L + k * 17L + d * 7L) % (15 + (i % 7) * 10L);
    }

    private long usage(int i, int k) {
        long sum = 0;
        for (int d = 0; d < days; d++) {
            sum += value(i, k, d);
        }
        return sum;
    }

    /** The invoice total, computed here from the commit model: base, plus the units above the commit at the rate. */
    private String expectedTotal(int i, List<UnitType> types) {
        BigDecimal total = BigDecimal.ZERO;
        for (int k = 0; k < types.size(); k++) {
            UnitType type = types.get(k);
            BigDecimal over = BigDecimal.valueOf(usage(i, k)).subtract(type.commit()).max(BigDecimal.ZERO);
            total = total.add(type.base().setScale(2, RoundingMode.HALF_UP))
                    .add(over.multiply(type.overage()).setScale(2, RoundingMode.HALF_UP));
        }
        return total.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private void sendUsage(ExecutorService pool, List<UnitType> types, Instant monthStart) throws Exception {
        int batch = 500;
        long total = (long) clients * buckets * days;
        int requests = (int) ((total + batch - 1) / batch);
        all(pool, requests, r -> {
            StringBuilder body = new StringBuilder("[");
            for (long n = (long) r * batch; n < Math.min(total, (long) (r + 1) * batch); n++) {
                int d = (int) (n % days);
                int k = (int) (n / days % buckets);
                int i = (int) (n / days / buckets);
                body.append(body.length() > 1 ? "," : "").append("{\"id\":\"").append(run).append('-').append(n)
                        .append("\",\"meter\":\"").append(types.get(k).meter()).append("\",\"customer\":\"")
                        .append(customer(i)).append("\",\"timestamp\":\"")
                        .append(monthStart.plus(d, ChronoUnit.DAYS).plus(12, ChronoUnit.HOURS))
                        .append("\",\"value\":\"").append(value(i, k, d)).append("\"}");
            }
            JsonNode answer = api.post(stack.meteringUrl + "/api/v1/events?backfill=true", body.append(']').toString(),
                    202);
            if (answer.get("rejected").size() > 0) {
                throw new IllegalStateException("Ingest rejected events: " + answer.get("rejected"));
            }
            return null;
        });
    }

    private void awaitStored(List<UnitType> types, long expected) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + stack.postgresPort + "/metering",
                PostgresServer.USER, PostgresServer.PASSWORD);
             PreparedStatement count = db.prepareStatement("SELECT count(*) FROM meter_event WHERE meter = ANY (?)")) {
            count.setArray(1, db.createArrayOf("text", types.stream().map(UnitType::meter).toArray()));
            while (true) {
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) >= expected) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("metering did not store the benchmark's events in time");
                }
                sleep(500);
            }
        }
    }

    private JsonNode awaitRun(String runId) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode state = api.get(stack.billingUrl + "/api/v1/billing-runs/" + runId);
            String status = state.get("status").asText();
            if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                return state;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The run did not finish in " + timeout + ": " + state);
            }
            sleep(200);
        }
    }

    /** Pages through the invoices, newest first, and compares each of ours with the computed total. */
    private int[] check(Map<String, String> expected, Instant periodStart) {
        int checked = 0;
        int mismatches = 0;
        for (int page = 0; checked < expected.size(); page++) {
            JsonNode items = api.get(stack.billingUrl + "/api/v1/invoices?size=500&page=" + page).get("items");
            if (items.isEmpty()) {
                break;
            }
            for (JsonNode invoice : items) {
                String want = expected.get(invoice.get("client").asText());
                if (want == null || !invoice.get("periodStart").asText().equals(periodStart.toString())) {
                    continue;
                }
                checked++;
                if (!want.equals(invoice.get("total").asText())) {
                    mismatches++;
                    if (mismatches <= 5) {
                        log("Mismatch for %s: expected %s, invoiced %s", invoice.get("clientExternalId").asText(),
                                want, invoice.get("total").asText());
                    }
                }
            }
        }
        return new int[] { checked, mismatches };
    }

    /** A client with usage in every hour of the open month so far, then timed previews of its invoice. */
    private long[] previewLatencies(ExecutorService pool, List<UnitType> types) throws Exception {
        Instant now = Instant.now();
        Instant monthStart = YearMonth.from(now.atOffset(ZoneOffset.UTC)).atDay(1).atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        String client = api.post(stack.billingUrl + "/api/v1/clients", Map.of("name", "Bench preview", "externalId",
                "bb-" + run + "-preview", "currency", "USD", "timeZone", "UTC", "startsAt", monthStart.toString()),
                201).get("id").asText();
        for (UnitType type : types) {
            createBucket(client, type, monthStart);
        }
        long hours = Math.max(1, Duration.between(monthStart, now.truncatedTo(ChronoUnit.HOURS)).toHours());
        // One rollup row per meter, hour and asset: spread the rows over enough assets.
        int assets = (int) Math.max(1, (previewRows + hours * types.size() - 1) / (hours * types.size()));
        int rows = (int) (hours * types.size() * assets);
        int batch = 500;
        all(pool, (rows + batch - 1) / batch, r -> {
            List<Map<String, Object>> events = new ArrayList<>();
            for (int n = r * batch; n < Math.min(rows, (r + 1) * batch); n++) {
                int k = n % types.size();
                long hour = n / types.size() / assets;
                int asset = n / types.size() % assets;
                events.add(Map.of("id", run + "-p" + n, "meter", types.get(k).meter(), "customer",
                        "bb-" + run + "-preview", "asset", "bb-" + run + "-a" + asset, "timestamp",
                        monthStart.plus(hour, ChronoUnit.HOURS).plusSeconds(60).toString(), "value", "1"));
            }
            api.post(stack.meteringUrl + "/api/v1/events?backfill=true", events, 202);
            return null;
        });
        long base = (long) clients * buckets * days;
        awaitStored(types, base + rows);
        String url = stack.billingUrl + "/api/v1/clients/" + client + "/invoice-preview";
        for (int i = 0; i < 20; i++) {
            api.get(url);
        }
        long[] latencies = new long[previewRequests];
        for (int i = 0; i < previewRequests; i++) {
            long started = System.nanoTime();
            api.get(url);
            latencies[i] = (System.nanoTime() - started) / 1_000_000;
        }
        Arrays.sort(latencies);
        return latencies;
    }

    private String markdown(Map<String, Object> r) {
        return String.format("""
                `./meterline bench billing` (%s clients × %s buckets, %s events for %s sent through the ingest API,
                one run over all of them). The run's time is from the request to its last client, by the run's own
                timestamps; every invoice total is checked against a computation the benchmark makes itself.

                | measure | result | target |
                |---|---:|---:|
                | billing run | %s s (%s ms per client, %s clients/s) | < 60 s |
                | status | %s | SUCCEEDED |
                | invoices checked / mismatches | %s / %s | all / 0 |
                | Kill Bill's anchor, 0.75 s per account at a month end | %s s | |
                | invoice preview, %s usage rows: p50 / p95 / p99 | %s / %s / %s ms | p95 < 50 ms |
                """, r.get("clients"), buckets, r.get("events"), r.get("month"), r.get("runSeconds"),
                r.get("msPerClient"), r.get("clientsPerSecond"), r.get("status"), r.get("invoicesChecked"),
                r.get("mismatches"), r.get("killBillSecondsAnchor"), r.get("previewRows"), r.get("previewP50Ms"),
                r.get("previewP95Ms"), r.get("previewP99Ms"));
    }
}
