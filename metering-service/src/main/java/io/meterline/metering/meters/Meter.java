package io.meterline.metering.meters;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
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
        @Schema(description = "The CloudEvent type this meter reads (OpenMeter's eventType); absent: its apiName",
                examples = "prompt") String eventType,
        @Schema(description = "Where CloudEvents carry the value in data (OpenMeter's valueProperty); absent: "
                + "data.value. For UNIQUE_COUNT, the path of the value counted", examples = "$.tokens")
        String valueProperty,
        @Schema(description = "Where CloudEvents carry each dimension in data (OpenMeter's groupBy); a dimension "
                + "without a path is read from the data field of its name",
                examples = "{\"model\":\"$.model\",\"type\":\"$.type\"}")
        Map<String, String> groupBy,
        OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    public Meter {
        groupBy = groupBy == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(groupBy));
    }

    public boolean declares(String dimension) {
        return dimensions.contains(dimension);
    }

    /** The path of a CloudEvent's value in data, or null for data.value. */
    public DataPath valuePath() {
        return valueProperty == null || aggregation == Aggregation.UNIQUE_COUNT ? null : DataPath.parse(valueProperty);
    }

    /** The path of a dimension in a CloudEvent's data, or null to read the data field of its name. */
    public DataPath dimensionPath(String dimension) {
        String path = groupBy.get(dimension);
        return path == null ? null : DataPath.parse(path);
    }
}
