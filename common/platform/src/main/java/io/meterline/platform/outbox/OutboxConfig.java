package io.meterline.platform.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How a service's outbox reaches Kafka. */
@ConfigMapping(prefix = "meterline.outbox")
public interface OutboxConfig {

    /** Whether this replica relays the outbox to Kafka. */
    @WithDefault("true")
    boolean enabled();

    /** How often the relay looks for new outbox rows. */
    @WithDefault("PT0.2S")
    Duration pollInterval();

    /** The service that publishes: the events' CloudEvents source is {@code /meterline/<source>}. */
    @WithDefault("${quarkus.application.name:meterline}")
    String source();
}
