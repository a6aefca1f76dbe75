package io.meterline.projection.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.meterline.projection.ProjectionConfig;

/**
 * Readiness is DOWN while more records than the threshold went to dead-letter topics within the window: one bad
 * record is skipped, a stream of them means a producer or this service is wrong.
 */
@Readiness
@ApplicationScoped
public class DeadLetterReadiness implements HealthCheck {

    @Inject
    DeadLetters deadLetters;

    @Inject
    ProjectionConfig config;

    @Override
    public HealthCheckResponse call() {
        int count = deadLetters.inWindow();
        return HealthCheckResponse.named("dead-letters").status(count <= config.deadLetters().readinessThreshold())
                .withData("inWindow", count).withData("window", config.deadLetters().window().toString())
                .withData("threshold", config.deadLetters().readinessThreshold()).build();
    }
}
