package io.meterline.gateway.views;

import java.time.Instant;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A screen's data from several services, read at once. Each panel is there even when its service is not: it then
 * says so, and the rest of the screen still renders.
 */
@Schema(description = "A screen's data from several services. Each panel is ok or says why it is unavailable.")
public record View(
        @Schema(description = "The panels by name.") Map<String, Panel> panels,
        @Schema(description = "When the gateway read them.") Instant generatedAt) {
}
