package io.meterline.metering.suppressions;

import io.meterline.platform.match.Glob;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.meterline.metering.ingest.RawUsageEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The suppression rules the ingest API applies, reloaded every few seconds so that a change takes effect without a
 * restart. Each rule counts what it drops; the counts reach the database in batches, off the request path.
 */
@ApplicationScoped
public class SuppressionFilter {

    private static final Logger LOG = Logger.getLogger(SuppressionFilter.class);

    private record Compiled(SuppressionRule rule, Glob glob) {
    }

    @Inject
    Pool pool;

    @Inject
    SuppressionRepository repository;

    @Inject
    MeterRegistry registry;

    @Inject
    Vertx vertx;

    @Inject
    SuppressionsConfig config;

    private volatile List<Compiled> rules = List.of();
    private final Map<UUID, LongAdder> unflushed = new ConcurrentHashMap<>();

    void start(@Observes StartupEvent event) {
        refresh();
        vertx.setPeriodic(config.refreshInterval().toMillis(), id -> {
            refresh();
            flush().subscribe().with(x -> {
            }, failure -> LOG.warnf("Could not save suppression counts: %s", failure.getMessage()));
        });
    }

    /** Whether a rule drops the event; if so, counts it against the first matching rule. */
    public boolean drops(RawUsageEvent event) {
        for (Compiled compiled : rules) {
            if (compiled.rule().matches(compiled.glob(), event)) {
                unflushed.computeIfAbsent(compiled.rule().id(), id -> new LongAdder()).increment();
                registry.counter("meterline.ingest.suppressed", "rule", compiled.rule().id().toString()).increment();
                return true;
            }
        }
        return false;
    }

    /** Reloads the rules now; called after a local change so this replica applies it at once. */
    public void refresh() {
        repository.all(pool).subscribe().with(all -> {
            List<Compiled> next = new ArrayList<>(all.size());
            all.forEach(rule -> next.add(new Compiled(rule, Glob.of(rule.pattern()))));
            rules = List.copyOf(next);
        }, failure -> LOG.warnf("Could not reload suppression rules: %s", failure.getMessage()));
    }

    /** Adds the counts gathered since the last flush to the rules' stored counts. */
    public Uni<Void> flush() {
        List<Tuple> increments = new ArrayList<>();
        unflushed.forEach((id, adder) -> {
            long n = adder.sumThenReset();
            if (n > 0) {
                increments.add(Tuple.of(id, n));
            }
        });
        if (increments.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return repository.addDropped(pool, increments);
    }

    @PreDestroy
    void stop() {
        flush().await().atMost(Duration.ofSeconds(5));
    }
}
