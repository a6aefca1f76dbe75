package io.meterline.pricing.plans;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** When the version to publish takes effect. */
@Schema(name = "PublishRequest")
public record PublishRequest(
        @Schema(description = "Default: now. Must be after the plan's latest version's effectiveFrom.",
                examples = "2026-12-01T00:00:00Z") Instant effectiveFrom) {
}
