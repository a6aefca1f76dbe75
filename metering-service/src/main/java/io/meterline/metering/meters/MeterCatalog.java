package io.meterline.metering.meters;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The meters the ingest API validates against, held in memory and refreshed every few seconds, so that validation
 * costs no database round trip and a meter made on another replica is known within seconds.
 */
@ApplicationScoped
public class MeterCatalog {

    private static final Logger LOG = Logger.getLogger(MeterCatalog.class);

    @Inject
    Pool pool;

    @Inject
    MeterRepository repository;

    @Inject
    Vertx vertx;

    @Inject
    MetersConfig config;

    /** Both lookups from one read, replaced together, so a reader never pairs a new one with an old one. */
    private record Snapshot(Map<String, Meter> byName, Map<String, Meter> byEventType) {
    }

    private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of());
    /** Reads started, and the latest one applied: a slow read never replaces what a later one found. */
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong applied = new AtomicLong();

    void start(@Observes StartupEvent event) {
        refresh();
        vertx.setPeriodic(config.refreshInterval().toMillis(), id -> refresh());
    }

    public java.util.Collection<Meter> all() {
        return snapshot.byName().values();
    }

    public Meter find(String apiName) {
        return snapshot.byName().get(apiName);
    }

    /**
     * The meter a CloudEvent of this type goes to: the one declaring it as its eventType, else the one so named if it
     * declares none (a meter with an eventType reads that type alone, as in OpenMeter).
     */
    public Meter forEventType(String type) {
        Snapshot now = snapshot;
        Meter declared = now.byEventType().get(type);
        if (declared != null) {
            return declared;
        }
        Meter named = now.byName().get(type);
        return named != null && named.eventType() == null ? named : null;
    }

    /** Reloads in the background (the periodic refresh). */
    public void refresh() {
        reload().subscribe().with(ignored -> {
        }, failure -> LOG.warnf("Could not refresh meters: %s", failure.getMessage()));
    }

    /**
     * Reloads now; a local change waits for it before answering, so an event sent right after the meter's 201 is
     * validated against it on this replica.
     */
    public Uni<Void> reload() {
        long read = started.incrementAndGet();
        return repository.all(pool).invoke(meters -> apply(read, meters)).replaceWithVoid();
    }

    void apply(long read, List<Meter> meters) {
        // A periodic read that began before a change committed can finish after the reload that followed it.
        for (long last = applied.get(); read > last; last = applied.get()) {
            if (applied.compareAndSet(last, read)) {
                replace(meters);
                return;
            }
        }
    }

    void replace(List<Meter> meters) {
        Map<String, Meter> next = new HashMap<>();
        Map<String, Meter> types = new HashMap<>();
        meters.forEach(m -> {
            next.put(m.apiName(), m);
            if (m.eventType() != null) {
                types.put(m.eventType(), m);
            }
        });
        snapshot = new Snapshot(Map.copyOf(next), Map.copyOf(types));
    }
}
