package io.meterline.platform.health;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How readiness asks after Kafka ({@link KafkaReadiness}). */
@ConfigMapping(prefix = "meterline.kafka")
public interface KafkaReadinessConfig {

    /** How long the cluster has to describe itself before readiness says Kafka is unreachable. */
    @WithDefault("PT2S")
    Duration readinessTimeout();

    /** How long an answer is reused: probes of several kinds and replicas then ask the broker at most this often. */
    @WithDefault("PT1S")
    Duration reuseFor();
}
