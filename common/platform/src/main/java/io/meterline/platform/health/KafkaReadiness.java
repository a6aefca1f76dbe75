package io.meterline.platform.health;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.common.annotation.Identifier;

/**
 * Readiness of the Kafka connection: DOWN when the cluster does not describe itself within
 * {@code meterline.kafka.readiness-timeout}. Quarkus's own check waits for the admin client's default timeout (a
 * minute) on a stalled broker, so the readiness endpoint itself hung; this one answers within the bound, and a
 * frozen broker is reported while it lasts. An answer is reused for a second, so probes never pile up on the broker.
 * An admin client, not a channel: it sends and receives no messages, it asks the cluster about itself, which no
 * SmallRye channel does.
 */
@Readiness
@ApplicationScoped
public class KafkaReadiness implements HealthCheck {

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    KafkaReadinessConfig config;

    @Inject
    Clock clock;

    private Admin admin;
    private final LastAnswer last = new LastAnswer();

    @Override
    public HealthCheckResponse call() {
        Instant now = clock.instant();
        HealthCheckResponse fresh = last.fresh(now, config.reuseFor());
        if (fresh != null) {
            return fresh;
        }
        HealthCheckResponse response = ask();
        last.remember(response, now);
        return response;
    }

    private synchronized HealthCheckResponse ask() {
        long timeout = config.readinessTimeout().toMillis();
        try {
            int nodes = admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout)).nodes()
                    .get(timeout + 500, TimeUnit.MILLISECONDS).size();
            return HealthCheckResponse.named("kafka").up().withData("nodes", nodes).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down("interrupted");
        } catch (Exception e) {
            return down("the cluster did not describe itself within " + timeout + " ms: " + e.getClass().getSimpleName());
        }
    }

    private static HealthCheckResponse down(String why) {
        return HealthCheckResponse.named("kafka").down().withData("error", why).build();
    }

    private Admin admin() {
        if (admin == null) {
            Map<String, Object> props = new HashMap<>();
            // Connection and security settings only: the service's producer and consumer options mean nothing here.
            kafkaConfig.forEach((key, value) -> {
                if (AdminClientConfig.configNames().contains(key)) {
                    props.put(key, value);
                }
            });
            props.put(AdminClientConfig.CLIENT_ID_CONFIG, "meterline-readiness");
            props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) config.readinessTimeout().toMillis());
            props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) config.readinessTimeout().toMillis());
            admin = Admin.create(props);
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
