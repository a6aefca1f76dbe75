package io.meterline.contracts.assets;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An asset's state after a change, on the compacted {@link io.meterline.contracts.Topics#METERING_ASSETS}, keyed by
 * asset id. Schema version 1.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AssetChanged(int v, String id, String name, String description, String source, String client,
        boolean acknowledged, boolean enabled, boolean disregarded, Instant firstSeen, Instant lastSeen,
        String change) {

    public static final int SCHEMA_VERSION = 1;
    public static final String TYPE = "io.meterline.metering.asset-changed.v1";
}
