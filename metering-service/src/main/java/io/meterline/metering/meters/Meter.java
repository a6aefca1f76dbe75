package io.meterline.metering.meters;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A named kind of usage, with its unit, its aggregation and the dimensions events may carry. */
@Schema(name = "Meter")
public record Meter(UUID id,
        @Schema(examples = "llm_tokens") String apiName,
        @Schema(examples = "LLM tokens") String displayName,
        @Schema(examples = "tokens") String unit,
        @Schema(enumeration = { "SUM", "COUNT", "MAX", "MIN", "AVG", "UNIQUE_COUNT", "LATEST" }) Aggregation aggregation,
        @Schema(description = "The dimension UNIQUE_COUNT counts distinct values of", examples = "user") String uniqueBy,
        @Schema(examples = "[\"model\",\"provider\"]") List<String> dimensions,
        OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    public boolean declares(String dimension) {
        return dimensions.contains(dimension);
    }
}
