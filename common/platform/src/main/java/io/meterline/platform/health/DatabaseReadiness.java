package io.meterline.platform.health;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Readiness of the service's database: DOWN when {@code SELECT 1} does not answer within
 * {@code meterline.db.readiness.timeout}. Quarkus's own check has no bound of its own, so on a frozen database the
 * readiness endpoint hung until the probe gave up; this one answers DOWN, naming the cause, while the fault lasts. An
 * answer is reused for a second, and one question at most is in flight, so probes never pile up in the pool's queue.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements AsyncHealthCheck {

    @Inject
    Pool pool;

    @Inject
    DatabaseReadinessConfig config;

    @Inject
    Clock clock;

    private final LastAnswer last = new LastAnswer();
    /** The question in flight: while the database does not answer, later probes wait on it, not on a new one. */
    private Uni<HealthCheckResponse> inFlight;

    @Override
    public Uni<HealthCheckResponse> call() {
        HealthCheckResponse fresh = last.fresh(clock.instant(), config.reuseFor());
        if (fresh != null) {
            return Uni.createFrom().item(fresh);
        }
        long timeout = config.timeout().toMillis();
        return question().ifNoItem().after(config.timeout())
                .recoverWithItem(() -> down("no answer to SELECT 1 within " + timeout + " ms"));
    }

    private synchronized Uni<HealthCheckResponse> question() {
        if (inFlight == null) {
            inFlight = pool.query("SELECT 1").execute()
                    .map(rows -> HealthCheckResponse.named("database").up().build())
                    .onFailure().recoverWithItem(e -> down(e.getClass().getSimpleName() + ": " + e.getMessage()))
                    .invoke(this::answered)
                    .memoize().indefinitely();
        }
        return inFlight;
    }

    private synchronized void answered(HealthCheckResponse response) {
        last.remember(response, clock.instant());
        inFlight = null;
    }

    private static HealthCheckResponse down(String why) {
        return HealthCheckResponse.named("database").down().withData("error", why).build();
    }
}
