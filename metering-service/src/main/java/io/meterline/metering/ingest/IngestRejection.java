package io.meterline.metering.ingest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One event of a batch that was not accepted, and why. */
@Schema(name = "IngestRejection")
public record IngestRejection(@Schema(description = "Its position in the request, from 0", examples = "3") int index,
        @Schema(examples = "evt-4") String id,
        @Schema(description = "A machine-readable reason", examples = "unknown_meter") String code,
        @Schema(examples = "Unknown meter 'llm_tokenz'. Define it with POST /api/v1/meters first.") String reason) {
}
