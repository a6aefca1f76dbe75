package io.meterline.metering.meters;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

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
        @Schema(examples = "[\"model\",\"provider\"]") List<String> dimensions) {

    static final String NAME = "[a-z0-9_.-]{1,128}";
    static final String DIMENSION = "[A-Za-z0-9_.-]{1,64}";

    Aggregation validate() {
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
        List<String> dims = dimensions == null ? List.of() : dimensions;
        if (dims.size() > 32) {
            errors.add(new Problem.FieldError("dimensions", "at most 32 dimensions"));
        }
        if (!dims.stream().allMatch(d -> d != null && d.matches(DIMENSION))) {
            errors.add(new Problem.FieldError("dimensions", "each must be 1 to 64 of A-Z a-z 0-9 _ . -"));
        } else if (new HashSet<>(dims).size() != dims.size()) {
            errors.add(new Problem.FieldError("dimensions", "must not repeat"));
        }
        if (kind == Aggregation.UNIQUE_COUNT && (uniqueBy == null || !dims.contains(uniqueBy))) {
            errors.add(new Problem.FieldError("uniqueBy", "is required for UNIQUE_COUNT and must be one of the dimensions"));
        }
        if (kind != Aggregation.UNIQUE_COUNT && uniqueBy != null) {
            errors.add(new Problem.FieldError("uniqueBy", "is only used by UNIQUE_COUNT"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalidFields("The meter", errors);
        }
        return kind;
    }
}
