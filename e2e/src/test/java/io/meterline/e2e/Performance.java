package io.meterline.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

    static synchronized void write() {
        try {
            Files.writeString(Artifacts.dir().resolve("performance.json"),
                    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(RESULTS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
