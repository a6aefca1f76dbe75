package io.meterline.metering.ingest;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * What the usage consumer's workers are going through, for readiness: since when a worker's batch has been failing to
 * store (the database away, say), and how often a worker had to start over after an unexpected error.
 */
@ApplicationScoped
public class ConsumerStatus {

    /** A worker's batch failing since {@code since}, the last time with {@code error}. */
    public record Failing(Instant since, String error) {
    }

    @Inject
    Clock clock;

    private final Map<String, Failing> failing = new ConcurrentHashMap<>();
    private final AtomicLong restarts = new AtomicLong();

    void stored(String worker) {
        failing.remove(worker);
    }

    void failing(String worker, Exception error) {
        String message = error.getClass().getSimpleName() + ": " + error.getMessage();
        failing.compute(worker, (w, was) -> new Failing(was == null ? clock.instant() : was.since(), message));
    }

    void restarted(String worker, Exception error) {
        restarts.incrementAndGet();
        failing(worker, error);
    }

    /** The worker failing the longest, if any is. */
    Optional<Failing> longestFailing() {
        return failing.values().stream().min((a, b) -> a.since().compareTo(b.since()));
    }

    long restarts() {
        return restarts.get();
    }
}
