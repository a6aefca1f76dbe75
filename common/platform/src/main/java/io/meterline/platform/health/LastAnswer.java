package io.meterline.platform.health;

import java.time.Duration;
import java.time.Instant;

import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * A readiness check's last answer and when it was given: reused while fresh, so that probes from every kubelet and
 * load balancer never pile up on the database or the broker they ask about.
 */
final class LastAnswer {

    private record Answer(HealthCheckResponse response, Instant at) {
    }

    private volatile Answer last;

    /** The last answer, if it was given less than {@code reuseFor} before {@code now}; otherwise null. */
    HealthCheckResponse fresh(Instant now, Duration reuseFor) {
        Answer answer = last;
        return answer != null && answer.at().isAfter(now.minus(reuseFor)) ? answer.response() : null;
    }

    void remember(HealthCheckResponse response, Instant at) {
        last = new Answer(response, at);
    }
}
