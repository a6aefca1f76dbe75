package io.meterline.metering.apikeys;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How API keys are checked. */
@ConfigMapping(prefix = "meterline.api-keys")
public interface ApiKeysConfig {

    /**
     * How long a replica trusts a key it has looked up: disabling or revoking a key on another replica takes effect
     * within this.
     */
    @WithDefault("PT5S")
    Duration cacheFor();

    /**
     * The most keys a replica keeps looked up (least recently used go first). Only keys that exist are kept, so
     * random keys sent by a caller cannot grow it.
     */
    @WithDefault("10000")
    int cacheSize();

    /**
     * The events one API key may send per second to one replica (0: no limit). Above it, a batch is refused whole
     * with 429 and a Retry-After. The default is far above what one tenant service sends; it keeps one runaway
     * sender from taking a replica.
     */
    @WithDefault("25000")
    long ingestEventsPerSecond();

    /** The most events a key may send at once above its rate, after being idle: its bucket's size. */
    @WithDefault("50000")
    long ingestBurst();
}
