package io.meterline.bench;

import static io.meterline.bench.Bench.log;
import static io.meterline.bench.Bench.percentile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The console's speed as an admin meets it: each aggregated view read through the gateway, against a baseline in the
 * same run, the same panels read straight from their services, all at once, by this program. The difference is what
 * the gateway's aggregation costs (token check, relay, JSON assembly). The two are taken in turns, so a busy moment
 * of the machine falls on both. Then the page itself: the HTML and the scripts and stylesheet it names (the entry,
 * and the chart library it preloads), compressed, as a browser with an empty cache fetches them. First paint needs a browser: the browser test measures it.
 */
@Command(name = "console", mixinStandardHelpOptions = true,
        description = "Benchmark the console's aggregated views (against the same panels read directly) and its page "
                + "load, against a running ./meterline up with its demo data.")
public final class ConsoleBenchmark implements Callable<Integer> {

    /** The target for each view's p95, in milliseconds. */
    static final long VIEW_P95_TARGET_MS = 300;

    static final List<String> VIEWS = List.of("dashboard", "health", "client", "margin", "over-under");

    @Option(names = "--gateway-url", defaultValue = "${env:METERLINE_GATEWAY_URL:-http://localhost:8080}")
    String gatewayUrl;

    @Mixin
    StackOptions stack;

    @Option(names = "--requests", defaultValue = "200", description = "Timed reads per view and per baseline "
            + "(default ${DEFAULT-VALUE}), after --warmup untimed ones.")
    int requests;

    @Option(names = "--warmup", defaultValue = "20", description = "Untimed reads first (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--json", description = "Print one JSON object with the results, last.")
    boolean json;

    @Option(names = "--report", description = "Write the results into this Markdown file (default docs/benchmarks.md "
            + "for a run of 200 requests or more).")
    Path report;

    private StackApi api;

    /** One view's figures: through the gateway, and its panels read directly. */
    record ViewResult(String view, int panels, long p50, long p95, long p99, long directP50, long directP95) {

        long overheadP95() {
            return Math.max(0, p95 - directP95);
        }
    }

    /** What the page load fetched: bytes on the wire (compressed) and bytes once decompressed, per file. */
    record PageResult(long p50, long p95, Map<String, long[]> files) {
    }

    @Override
    public Integer call() throws Exception {
        api = new StackApi(stack.home);
        JsonNode clients = api.get(gatewayUrl + "/api/v1/clients?size=1&sort=name");
        if (clients.path("total").asLong() == 0) {
            throw new IllegalStateException("The stack has no clients: this benchmark measures the console with the "
                    + "demo data, which ./meterline up loads on a new stack's first start (./meterline up --fresh).");
        }
        String client = clients.path("items").path(0).path("id").asText();
        List<ViewResult> views = new ArrayList<>();
        for (String view : VIEWS) {
            String path = "/api/v1/views/" + (view.equals("client") ? "clients/" + client : view);
            log("%s: %d reads through the gateway and %d of its panels read directly, in turns...", view, requests,
                    requests);
            views.add(measure(view, path));
        }
        log("Page load: the HTML, then the scripts and stylesheet it names, %d times...", requests);
        PageResult page = pageLoad();

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("benchmark", "console");
        result.put("requests", requests);
        result.put("viewP95TargetMs", VIEW_P95_TARGET_MS);
        Map<String, Object> byView = new LinkedHashMap<>();
        for (ViewResult v : views) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("panels", v.panels());
            one.put("p50Ms", v.p50());
            one.put("p95Ms", v.p95());
            one.put("p99Ms", v.p99());
            one.put("directP50Ms", v.directP50());
            one.put("directP95Ms", v.directP95());
            one.put("overheadP95Ms", v.overheadP95());
            byView.put(v.view(), one);
        }
        result.put("views", byView);
        result.put("maxViewP95Ms", views.stream().mapToLong(ViewResult::p95).max().orElse(0));
        result.put("meetsTarget", views.stream().allMatch(v -> v.p95() < VIEW_P95_TARGET_MS));
        Map<String, Object> load = new LinkedHashMap<>();
        load.put("p50Ms", page.p50());
        load.put("p95Ms", page.p95());
        page.files().forEach((name, bytes) -> load.put(name, Map.of("wireBytes", bytes[0], "bytes", bytes[1])));
        result.put("pageLoad", load);

        String markdown = markdown(views, page);
        Path doc = report != null ? report : requests >= 200 ? Path.of("docs/benchmarks.md") : null;
        BenchmarkReport.publish(doc, "console-benchmark", "Console views", markdown, result, json);
        return 0;
    }

    private ViewResult measure(String view, String path) {
        JsonNode first = api.get(gatewayUrl + path);
        List<Direct> panels = new ArrayList<>();
        first.path("panels").fields().forEachRemaining(e -> {
            JsonNode panel = e.getValue();
            if (!"ok".equals(panel.path("status").asText())) {
                throw new IllegalStateException("The " + view + " view's panel " + e.getKey() + " is unavailable ("
                        + panel.path("error").asText() + "): every service must be up to measure it.");
            }
            String source = panel.path("source").asText();
            panels.add(new Direct(serviceUrl(panel.path("service").asText()) + source,
                    !source.startsWith("/q/health")));
        });
        for (int i = 0; i < warmup; i++) {
            viaGateway(path);
            direct(panels);
        }
        long[] gateway = new long[requests];
        long[] baseline = new long[requests];
        for (int i = 0; i < requests; i++) {
            gateway[i] = viaGateway(path);
            baseline[i] = direct(panels);
        }
        Arrays.sort(gateway);
        Arrays.sort(baseline);
        return new ViewResult(view, panels.size(), percentile(gateway, 0.5), percentile(gateway, 0.95),
                percentile(gateway, 0.99), percentile(baseline, 0.5), percentile(baseline, 0.95));
    }

    /** A panel's own read: its service's URL, and whether it takes the caller's token (readiness checks do not). */
    private record Direct(String url, boolean withToken) {
    }

    private long viaGateway(String path) {
        long started = System.nanoTime();
        api.get(gatewayUrl + path);
        return (System.nanoTime() - started) / 1_000_000;
    }

    /** Every panel at once, as the gateway reads them; done when the last has answered. */
    private long direct(List<Direct> panels) {
        String token = api.token();
        long started = System.nanoTime();
        List<CompletableFuture<HttpResponse<byte[]>>> reads = new ArrayList<>();
        for (Direct panel : panels) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(panel.url()))
                    .timeout(Duration.ofSeconds(30)).GET();
            if (panel.withToken()) {
                request.header("Authorization", "Bearer " + token);
            }
            reads.add(api.http().sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray()));
        }
        CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).join();
        long took = (System.nanoTime() - started) / 1_000_000;
        for (CompletableFuture<HttpResponse<byte[]>> read : reads) {
            int status = read.join().statusCode();
            if (status != 200 && status != 503) {
                throw new IllegalStateException(read.join().uri() + " answered " + status);
            }
        }
        return took;
    }

    private String serviceUrl(String service) {
        return switch (service) {
            case "metering-service" -> stack.meteringUrl;
            case "pricing-service" -> stack.pricingUrl;
            case "billing-service" -> stack.billingUrl;
            case "projection-service" -> stack.projectionUrl;
            default -> throw new IllegalStateException("A panel from an unknown service: " + service);
        };
    }

    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"(/assets/[^\"]+\\.(?:js|css))\"");

    /** The console's first load with an empty cache: the HTML, then the scripts and stylesheet it names, in parallel. */
    private PageResult pageLoad() {
        Map<String, long[]> files = new LinkedHashMap<>();
        HttpResponse<byte[]> html = fetch("/");
        files.put("index.html", new long[] { html.body().length, decompressed(html) });
        List<String> assets = new ArrayList<>();
        Matcher m = ASSET.matcher(new String(gunzip(html), java.nio.charset.StandardCharsets.UTF_8));
        while (m.find()) {
            assets.add(m.group(1));
        }
        if (assets.isEmpty()) {
            throw new IllegalStateException("The console's page names no script: is the console built?");
        }
        for (String asset : assets) {
            HttpResponse<byte[]> answer = fetch(asset);
            files.put(asset.substring(asset.lastIndexOf('/') + 1), new long[] { answer.body().length,
                    decompressed(answer) });
        }
        for (int i = 0; i < warmup; i++) {
            loadOnce(assets);
        }
        long[] took = new long[requests];
        for (int i = 0; i < requests; i++) {
            took[i] = loadOnce(assets);
        }
        Arrays.sort(took);
        return new PageResult(percentile(took, 0.5), percentile(took, 0.95), files);
    }

    private long loadOnce(List<String> assets) {
        long started = System.nanoTime();
        fetch("/");
        CompletableFuture.allOf(assets.stream().map(a -> api.http().sendAsync(page(a),
                HttpResponse.BodyHandlers.ofByteArray())).toArray(CompletableFuture[]::new)).join();
        return (System.nanoTime() - started) / 1_000_000;
    }

    private HttpRequest page(String path) {
        return HttpRequest.newBuilder(URI.create(gatewayUrl + path)).header("Accept-Encoding", "gzip")
                .timeout(Duration.ofSeconds(30)).GET().build();
    }

    private HttpResponse<byte[]> fetch(String path) {
        try {
            HttpResponse<byte[]> answer = api.http().send(page(path), HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(gatewayUrl + path + " answered " + answer.statusCode());
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long decompressed(HttpResponse<byte[]> answer) {
        return gunzip(answer).length;
    }

    private static byte[] gunzip(HttpResponse<byte[]> answer) {
        if (!answer.headers().firstValue("Content-Encoding").orElse("").equalsIgnoreCase("gzip")) {
            return answer.body();
        }
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(answer.body()))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String markdown(List<ViewResult> views, PageResult page) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "`./meterline bench console` against `./meterline up` with its demo data; "
                + "%d timed reads of each, after %d untimed ones. *Direct* is the baseline of the same run: the "
                + "view's panels read straight from their services, all at once, by the benchmark; *overhead* is what "
                + "the gateway adds at p95. The target is p95 < %d ms per view.%n%n", requests, warmup,
                VIEW_P95_TARGET_MS));
        md.append("| view | panels | p50 ms | p95 ms | p99 ms | direct p50 ms | direct p95 ms | overhead p95 ms |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ViewResult v : views) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d | %d |%n", v.view(), v.panels(),
                    v.p50(), v.p95(), v.p99(), v.directP50(), v.directP95(), v.overheadP95()));
        }
        md.append(String.format(Locale.ROOT, "%nPage load with an empty cache (the HTML, then every script and "
                + "stylesheet it names, at once, gzip): p50 %d ms, p95 %d ms.%n%n", page.p50(), page.p95()));
        md.append("| file | on the wire | decompressed |\n|---|---:|---:|\n");
        page.files().forEach((name, bytes) -> md.append(String.format(Locale.ROOT, "| %s | %,d B | %,d B |%n", name,
                bytes[0], bytes[1])));
        return md.toString();
    }
}
