package io.meterline.metering.meters;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the ingest path's copy of the meter catalog is kept. */
@ConfigMapping(prefix = "meterline.meters")
public interface MetersConfig {

    /** How often the catalog is read again: a new meter is accepted by ingest within this long of its creation. */
    @WithDefault("PT2S")
    Duration refreshInterval();
}
