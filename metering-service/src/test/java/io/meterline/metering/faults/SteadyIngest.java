package io.meterline.metering.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A tenant service sending usage steadily, as the SDKs do: batches with ids of their own, each sent again with the
 * same ids until it gets 202 (after the Retry-After it was given, or a short pause). Every attempt is recorded with
 * when it started, how long its answer took and what it was, so a test can bound the answers during a fault.
 */
final class SteadyIngest implements AutoCloseable {

    /** One request: its status (-1 when no answer came: refused, reset or timed out). */
    record Attempt(Instant started, Duration took, int status, String retryAfter) {
    }

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String url;
    private final String token;
    private final String meter;
    private final String customer;
    private final int batch;
    private final List<Attempt> attempts = new ArrayList<>();
    private final Set<String> acked = ConcurrentHashMap.newKeySet();
    private final String timestamp = Instant.now().minusSeconds(3600).toString();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final ScheduledExecutorService scheduler;
    private volatile boolean stopping;
    private int next;

    SteadyIngest(String meteringUrl, String token, String meter, String customer, int batch) {
        this.url = meteringUrl + "/api/v1/events";
        this.token = token;
        this.meter = meter;
        this.customer = customer;
        this.batch = batch;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "steady-ingest-" + customer));
        scheduler.execute(this::nextBatch);
    }

    /** The next batch, unless stopping; one batch at a time, every step on the scheduler's one thread. */
    private void nextBatch() {
        if (stopping) {
            finished.countDown();
            return;
        }
        int n = next++;
        StringBuilder body = new StringBuilder("[");
        List<String> ids = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            String id = "s-" + n + "-" + i;
            ids.add(id);
            body.append(i == 0 ? "" : ",").append("{\"id\":\"").append(id).append("\",\"meter\":\"").append(meter)
                    .append("\",\"customer\":\"").append(customer).append("\",\"timestamp\":\"").append(timestamp)
                    .append("\",\"value\":\"1\"}");
        }
        attempt(body.append(']').toString(), ids);
    }

    /**
     * Sends the batch; until it is acknowledged, sends it again after the Retry-After, even once stopping: then every
     * id sent is either acknowledged or was never sent, and a test can expect exactly the acknowledged ids stored.
     */
    private void attempt(String body, List<String> ids) {
        if (send(body)) {
            acked.addAll(ids);
            scheduler.schedule(this::nextBatch, 50, TimeUnit.MILLISECONDS);
        } else {
            scheduler.schedule(() -> attempt(body, ids), lastRetryAfter(), TimeUnit.MILLISECONDS);
        }
    }

    private boolean send(String body) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        int status = -1;
        String retryAfter = null;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT)
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            retryAfter = response.headers().firstValue("Retry-After").orElse(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // refused, reset or timed out: no answer; sent again with the same ids
        }
        synchronized (attempts) {
            attempts.add(new Attempt(started, Duration.ofNanos(System.nanoTime() - t0), status, retryAfter));
        }
        return status == 202;
    }

    private long lastRetryAfter() {
        synchronized (attempts) {
            String header = attempts.get(attempts.size() - 1).retryAfter();
            return header == null ? 200 : Long.parseLong(header) * 1000;
        }
    }

    String customer() {
        return customer;
    }

    /** The ids answered 202. */
    Set<String> acked() {
        return Set.copyOf(acked);
    }

    int ackedCount() {
        return acked.size();
    }

    List<Attempt> attempts() {
        synchronized (attempts) {
            return List.copyOf(attempts);
        }
    }

    /** Stops after the batch in hand is acknowledged. */
    @Override
    public void close() throws InterruptedException {
        stopping = true;
        boolean done = finished.await(90, TimeUnit.SECONDS);
        scheduler.shutdownNow();
        if (!done) {
            throw new IllegalStateException("The last batch was not acknowledged within 90 s of stopping");
        }
    }
}
