package io.meterline.metering.assets;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.meterline.contracts.assets.AssetChanged;

/** A metered resource discovered from events. */
@Schema(name = "Asset")
public record Asset(@Schema(examples = "gw-eu-1") String id, String name, String description,
        @Schema(examples = "llm-gateway") String source,
        @Schema(description = "The client its customer-less events count for", examples = "acme") String client,
        @Schema(description = "Acknowledged by an operator; unacknowledged assets are new") boolean acknowledged,
        boolean enabled, @Schema(description = "Hidden and excluded from billing; history kept") boolean disregarded,
        OffsetDateTime firstSeen, OffsetDateTime lastSeen, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    AssetChanged toEvent(String change) {
        return new AssetChanged(AssetChanged.SCHEMA_VERSION, id, name, description, source, client, acknowledged,
                enabled, disregarded, firstSeen.toInstant(), lastSeen.toInstant(), change);
    }
}
