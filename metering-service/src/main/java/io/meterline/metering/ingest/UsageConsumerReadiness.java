package io.meterline.metering.ingest;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the usage consumer: DOWN while a batch has failed to store for longer than
 * {@code meterline.ingest.store-failure-grace}, or while more records than the threshold were set aside within the
 * window. A short failure (a database failover) is retried without turning the replica away.
 */
@Readiness
@ApplicationScoped
public class UsageConsumerReadiness implements HealthCheck {

    @Inject
    IngestConfig config;

    @Inject
    ConsumerStatus status;

    @Inject
    RawDeadLetters deadLetters;

    @Inject
    Clock clock;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("usage-consumer")
                .withData("enabled", config.consumerEnabled()).withData("restarts", status.restarts());
        boolean up = true;
        Optional<ConsumerStatus.Failing> failing = status.longestFailing();
        if (failing.isPresent()) {
            Duration failingFor = Duration.between(failing.get().since(), clock.instant());
            response.withData("storeFailingFor", failingFor.toString()).withData("lastError", failing.get().error());
            up = failingFor.compareTo(config.storeFailureGrace()) <= 0;
        }
        int setAside = deadLetters.since(clock.instant().minus(config.deadLetterWindow()));
        response.withData("setAsideInWindow", setAside).withData("deadLetterTopic", RawDeadLetters.TOPIC);
        up &= setAside <= config.deadLetterThreshold();
        return response.status(up).build();
    }
}
