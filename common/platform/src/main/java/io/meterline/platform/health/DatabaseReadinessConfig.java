package io.meterline.platform.health;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How readiness asks after the service's database ({@link DatabaseReadiness}). */
@ConfigMapping(prefix = "meterline.db.readiness")
public interface DatabaseReadinessConfig {

    /** How long {@code SELECT 1} has before readiness says the database is unreachable. */
    @WithDefault("PT2S")
    Duration timeout();

    /** How long an answer is reused: probes of several kinds then ask the database at most this often. */
    @WithDefault("PT1S")
    Duration reuseFor();
}
