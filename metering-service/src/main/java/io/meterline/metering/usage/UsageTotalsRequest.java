package io.meterline.metering.usage;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A period to total, for every meter or some, for every customer or one. */
@Schema(name = "UsageTotalsRequest")
public record UsageTotalsRequest(@Schema(required = true, examples = "2026-11-01T00:00:00Z") Instant from,
        @Schema(required = true, description = "Exclusive", examples = "2026-12-01T00:00:00Z") Instant to,
        @Schema(description = "Default: every meter") List<String> meters,
        @Schema(description = "Default: every customer") String customer) {
}
