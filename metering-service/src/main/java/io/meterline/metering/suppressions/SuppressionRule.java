package io.meterline.metering.suppressions;

import io.meterline.platform.match.Glob;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.meterline.metering.ingest.RawUsageEvent;

/** An ingest suppression: events whose asset, source or customer matches the glob are dropped before storage. */
@Schema(name = "Suppression")
public record SuppressionRule(UUID id,
        @Schema(description = "A glob: * any characters, ? one", examples = "test-*") String pattern,
        @Schema(enumeration = { "ASSET", "SOURCE", "CUSTOMER" }) String target,
        @Schema(examples = "Load-test hosts, never billed") String reason,
        @Schema(description = "Events dropped so far", examples = "1042") long droppedCount,
        OffsetDateTime createdAt) {

    /** Whether the rule drops this event. */
    public boolean matches(Glob glob, RawUsageEvent event) {
        return switch (target) {
            case "ASSET" -> glob.matches(event.asset());
            case "SOURCE" -> glob.matches(event.source());
            case "CUSTOMER" -> glob.matches(event.customer());
            default -> false;
        };
    }
}
