package io.meterline.metering.meters;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.meterline.platform.problem.Problem;
import io.meterline.platform.problem.ProblemException;

/** What an admin sends to define or change a meter. */
@Schema(name = "MeterRequest")
public record MeterRequest(
        @Schema(required = true, description = "Unique; [a-z0-9_.-]+", examples = "llm_tokens") String apiName,
        @Schema(required = true, examples = "LLM tokens") String displayName,
        @Schema(examples = "tokens") String unit,
        @Schema(required = true, enumeration = { "SUM", "COUNT", "MAX", "MIN", "AVG", "UNIQUE_COUNT", "LATEST" })
        String aggregation,
        @Schema(description = "Required for UNIQUE_COUNT: one of the dimensions", examples = "user") String uniqueBy,
        @Schema(description = "The keys events may carry; the keys of groupBy are added to them",
                examples = "[\"model\",\"provider\"]") List<String> dimensions,
        @Schema(description = "OpenMeter's eventType: the CloudEvent type this meter reads, when it differs from the "
                + "apiName. One meter per event type", examples = "prompt") String eventType,
        @Schema(description = "OpenMeter's valueProperty: where a CloudEvent's value is in data, as $.a, $.a.b or "
                + "$['a-b']. Not for COUNT. For UNIQUE_COUNT, the value counted: uniqueBy then defaults to its last "
                + "key. Absent: data.value", examples = "$.tokens") String valueProperty,
        @Schema(description = "OpenMeter's groupBy: dimension name to its path in a CloudEvent's data; the names "
                + "become the meter's dimensions (and may be given instead of dimensions)",
                examples = "{\"model\":\"$.model\",\"type\":\"$.type\"}") Map<String, String> groupBy) {

    static final String NAME = "[a-z0-9_.-]{1,128}";
    static final String DIMENSION = "[A-Za-z0-9_.-]{1,64}";
    private static final int MAX_DIMENSIONS = 32;

    /** The meter as it is stored: the request's fields merged and defaulted. */
    record Definition(Aggregation aggregation, String uniqueBy, List<String> dimensions, String eventType,
            String valueProperty, Map<String, String> groupBy) {
    }

    /**
     * Checks every field, naming each that is wrong, and returns the definition to store: the dimensions are those
     * given followed by groupBy's other keys, and a UNIQUE_COUNT's valueProperty becomes the path of its uniqueBy
     * dimension.
     */
    Definition validate() {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (apiName == null || !apiName.matches(NAME)) {
            errors.add(new Problem.FieldError("apiName", "is required: 1 to 128 of a-z 0-9 _ . -"));
        }
        if (displayName == null || displayName.isBlank() || displayName.length() > 200) {
            errors.add(new Problem.FieldError("displayName", "is required, at most 200 characters"));
        }
        if (unit != null && unit.length() > 64) {
            errors.add(new Problem.FieldError("unit", "must be at most 64 characters"));
        }
        Aggregation kind = null;
        try {
            kind = aggregation == null ? null : Aggregation.valueOf(aggregation);
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (kind == null) {
            errors.add(new Problem.FieldError("aggregation", "must be one of SUM, COUNT, MAX, MIN, AVG, UNIQUE_COUNT, LATEST"));
        }
        if (eventType != null && (eventType.isBlank() || eventType.length() > 256
                || eventType.chars().anyMatch(Character::isISOControl))) {
            errors.add(new Problem.FieldError("eventType", "must be 1 to 256 characters, none of them control characters"));
        }
        List<String> given = dimensions == null ? List.of() : dimensions;
        if (!given.stream().allMatch(d -> d != null && d.matches(DIMENSION))) {
            errors.add(new Problem.FieldError("dimensions", "each must be 1 to 64 of A-Z a-z 0-9 _ . -"));
        } else if (new HashSet<>(given).size() != given.size()) {
            errors.add(new Problem.FieldError("dimensions", "must not repeat"));
        }
        Map<String, String> paths = groupByPaths(errors);
        String counted = countedDimension(kind, paths, errors);
        LinkedHashSet<String> dims = new LinkedHashSet<>(given);
        dims.addAll(paths.keySet());
        if (dims.size() > MAX_DIMENSIONS) {
            errors.add(new Problem.FieldError("dimensions", "at most " + MAX_DIMENSIONS + " dimensions, with groupBy's"));
        }
        if (kind == Aggregation.UNIQUE_COUNT && (counted == null || !dims.contains(counted))) {
            errors.add(new Problem.FieldError("uniqueBy", "is required for UNIQUE_COUNT (or its valueProperty) and must "
                    + "be one of the dimensions"));
        }
        if (kind != Aggregation.UNIQUE_COUNT && uniqueBy != null) {
            errors.add(new Problem.FieldError("uniqueBy", "is only used by UNIQUE_COUNT"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalidFields("The meter", errors);
        }
        return new Definition(kind, counted, List.copyOf(dims), eventType, valueProperty, paths);
    }

    /** groupBy's valid dimension-to-path pairs, sorted; each invalid one is an error naming it. */
    private Map<String, String> groupByPaths(List<Problem.FieldError> errors) {
        Map<String, String> paths = new TreeMap<>();
        if (groupBy != null) {
            groupBy.forEach((dimension, path) -> {
                String problem = DataPath.problem(path);
                if (dimension == null || !dimension.matches(DIMENSION)) {
                    errors.add(new Problem.FieldError("groupBy", "each key is a dimension name: 1 to 64 of A-Z a-z 0-9 _ . -"));
                } else if (problem != null) {
                    errors.add(new Problem.FieldError("groupBy." + dimension, problem));
                } else {
                    paths.put(dimension, path);
                }
            });
        }
        return paths;
    }

    /**
     * The dimension a UNIQUE_COUNT counts: uniqueBy, or for a valueProperty its last key, whose path is then added to
     * {@code paths}. Also checks valueProperty for every aggregation.
     */
    private String countedDimension(Aggregation kind, Map<String, String> paths, List<Problem.FieldError> errors) {
        if (valueProperty == null) {
            return uniqueBy;
        }
        String problem = DataPath.problem(valueProperty);
        if (problem != null) {
            errors.add(new Problem.FieldError("valueProperty", problem));
            return uniqueBy;
        }
        if (kind == Aggregation.COUNT) {
            errors.add(new Problem.FieldError("valueProperty", "is not used by COUNT, which counts events"));
        }
        if (kind != Aggregation.UNIQUE_COUNT) {
            return uniqueBy;
        }
        String counted = uniqueBy != null ? uniqueBy : DataPath.parse(valueProperty).lastKey();
        String other = paths.get(counted);
        if (!counted.matches(DIMENSION)) {
            errors.add(new Problem.FieldError("uniqueBy", "is needed: the last key of valueProperty, '" + counted
                    + "', is not a dimension name (1 to 64 of A-Z a-z 0-9 _ . -)"));
        } else if (other != null && !other.equals(valueProperty)) {
            errors.add(new Problem.FieldError("valueProperty", "names the counted dimension " + counted
                    + ", which groupBy reads from " + other + "; give one path"));
        } else {
            paths.put(counted, valueProperty);
        }
        return counted;
    }
}
