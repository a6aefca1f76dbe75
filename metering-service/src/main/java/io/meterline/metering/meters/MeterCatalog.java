package io.meterline.metering.meters;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
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

    @ConfigProperty(name = "meterline.meters.refresh-interval", defaultValue = "PT2S")
    Duration refreshInterval;

    private volatile Map<String, Meter> byName = Map.of();

    void start(@Observes StartupEvent event) {
        refresh();
        vertx.setPeriodic(refreshInterval.toMillis(), id -> refresh());
    }

    public java.util.Collection<Meter> all() {
        return byName.values();
    }

    public Meter find(String apiName) {
        return byName.get(apiName);
    }

    /** Reloads now; called after a local change so this replica sees it at once. */
    public void refresh() {
        repository.all(pool).subscribe().with(this::replace,
                failure -> LOG.warnf("Could not refresh meters: %s", failure.getMessage()));
    }

    void replace(List<Meter> meters) {
        Map<String, Meter> next = new HashMap<>();
        meters.forEach(m -> next.put(m.apiName(), m));
        byName = Map.copyOf(next);
    }
}
