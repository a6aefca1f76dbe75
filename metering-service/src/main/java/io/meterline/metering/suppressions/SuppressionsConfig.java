package io.meterline.metering.suppressions;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the ingest path's copy of the suppression rules is kept. */
@ConfigMapping(prefix = "meterline.suppressions")
public interface SuppressionsConfig {

    /**
     * How often the rules are read again, and their dropped counts written: a new rule drops events within this long
     * of its creation.
     */
    @WithDefault("PT2S")
    Duration refreshInterval();
}
