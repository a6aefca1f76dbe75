package io.meterline.pricing.unittypes;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.meterline.platform.problem.Problem;
import io.meterline.platform.problem.ProblemException;
import io.meterline.rating.InvalidRatingInputException;
import io.meterline.rating.RatingCurrency;

/** What an admin sends to create or replace a unit type. */
@Schema(name = "UnitTypeRequest")
public record UnitTypeRequest(
        @Schema(required = true, examples = "vcpu-hour") String name,
        @Schema(examples = "One vCPU for one hour") String description,
        @Schema(required = true, examples = "vcpu_hours") String meter,
        @Schema(required = true, enumeration = { "SUM", "COUNT", "MAX", "MIN", "AVG", "UNIQUE_COUNT", "LATEST" })
        String aggregation,
        Boolean autoProvision,
        @Schema(required = true, examples = "USD") String currency,
        @Schema(type = SchemaType.STRING, examples = "720") BigDecimal commitUnits,
        @Schema(type = SchemaType.STRING, examples = "300.00") BigDecimal basePrice,
        @Schema(type = SchemaType.STRING, examples = "0.45") BigDecimal overageRate,
        @Schema(enumeration = { "ASSET_NAME", "SOURCE" }) String filterOn,
        @Schema(examples = "k8s-*") String filterPattern) {

    static final Set<String> AGGREGATIONS = Set.of("SUM", "COUNT", "MAX", "MIN", "AVG", "UNIQUE_COUNT", "LATEST");

    /** Throws a 400 listing every invalid field. */
    void validate() {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (name == null || name.isBlank() || name.length() > 100) {
            errors.add(new Problem.FieldError("name", "is required, at most 100 characters"));
        }
        if (description != null && description.length() > 1000) {
            errors.add(new Problem.FieldError("description", "must be at most 1000 characters"));
        }
        if (meter == null || !meter.matches("[a-z0-9_.-]{1,128}")) {
            errors.add(new Problem.FieldError("meter", "is required: a meter's apiName, [a-z0-9_.-]+"));
        }
        if (aggregation == null || !AGGREGATIONS.contains(aggregation)) {
            errors.add(new Problem.FieldError("aggregation", "must be one of SUM, COUNT, MAX, MIN, AVG, UNIQUE_COUNT, LATEST"));
        }
        try {
            RatingCurrency.of(currency);
        } catch (InvalidRatingInputException e) {
            errors.add(new Problem.FieldError("currency", e.violations().get(0).message()));
        }
        amount("commitUnits", commitUnits, true, errors);
        amount("basePrice", basePrice, false, errors);
        amount("overageRate", overageRate, false, errors);
        if (Boolean.TRUE.equals(autoProvision)) {
            for (String[] field : new String[][] { { "commitUnits", str(commitUnits) }, { "basePrice", str(basePrice) },
                    { "overageRate", str(overageRate) }, { "filterPattern", filterPattern } }) {
                if (field[1] == null) {
                    errors.add(new Problem.FieldError(field[0], "is required when autoProvision is on"));
                }
            }
        }
        if (filterPattern != null && (filterPattern.isBlank() || filterPattern.length() > 200)) {
            errors.add(new Problem.FieldError("filterPattern", "must be a glob of 1 to 200 characters"));
        }
        if (filterPattern != null && !"ASSET_NAME".equals(filterOn) && !"SOURCE".equals(filterOn)) {
            errors.add(new Problem.FieldError("filterOn", "must be ASSET_NAME or SOURCE when a filter pattern is set"));
        }
        if (filterPattern == null && filterOn != null) {
            errors.add(new Problem.FieldError("filterPattern", "is required when filterOn is set"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalidFields("The unit type", errors);
        }
    }

    private static void amount(String field, BigDecimal value, boolean positive, List<Problem.FieldError> errors) {
        if (value != null && (positive ? value.signum() <= 0 : value.signum() < 0)) {
            errors.add(new Problem.FieldError(field, positive ? "must be greater than 0" : "must not be negative"));
        }
    }

    private static String str(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }
}
