package io.meterline.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the browser test measures on the demo data (first paint, each aggregated view's p95), written to
 * {@code target/e2e/performance.json} for docs/benchmarks.md. Recorded, not asserted: speed is a benchmark's job.
 */
final class Performance {

    private static final Map<String, Object> RESULTS = new TreeMap<>();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Performance() {
    }

    static synchronized void record(String name, Object value) {
        RESULTS.put(name, value);
    }

    /** The 95th percentile of {@code times} GETs of {@code url}, after two warm-up calls, in milliseconds. */
    static long p95(String url, String token, int times) throws IOException, InterruptedException {
        List<Long> took = new ArrayList<>();
        for (int i = 0; i < times + 2; i++) {
            long started = System.nanoTime();
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            long ms = (System.nanoTime() - started) / 1_000_000;
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode());
            }
            if (i >= 2) {
                took.add(ms);
            }
        }
        took.sort(null);
        return took.get((int) Math.ceil(took.size() * 0.95) - 1);
    }

    /**
     * Waits until the projection pass after the demo load has finished (the dashboard's last projection stops
     * changing for 20 s), so the timings are not those of a stack still digesting a year of usage.
     */
    static void awaitQuiet(String dashboardView, String token) {
        ObjectMapper json = new ObjectMapper();
        String[] last = { "" };
        long[] stableSince = { System.nanoTime() };
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(dashboardView))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            String now = json.readTree(response.body()).at("/panels/summary/data/health/lastProjection").asText("");
            if (now.isEmpty() || !now.equals(last[0])) {
                last[0] = now;
                stableSince[0] = System.nanoTime();
                return false;
            }
            return Duration.ofNanos(System.nanoTime() - stableSince[0]).compareTo(Duration.ofSeconds(20)) > 0;
        });
    }

    /** Each panel's own read time in one answer of a view: which service a slow view waits for. */
    static Map<String, Long> panelTimes(String url, String token) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        Map<String, Long> times = new TreeMap<>();
        new ObjectMapper().readTree(response.body()).path("panels").fields()
                .forEachRemaining(e -> times.put(e.getKey(), e.getValue().path("tookMs").asLong()));
        return times;
    }

    static synchronized void write() {
        try {
            Files.writeString(Artifacts.dir().resolve("performance.json"),
                    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(RESULTS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
