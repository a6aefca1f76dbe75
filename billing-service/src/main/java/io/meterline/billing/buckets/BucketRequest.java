package io.meterline.billing.buckets;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.meterline.platform.problem.Problem;
import io.meterline.platform.problem.ProblemException;

/**
 * What an admin sends to create or replace a bucket. Absent amounts default from the unit type's template; absent
 * {@code assets} on a replace keeps the bindings as they are.
 */
@Schema(name = "BucketRequest")
public record BucketRequest(
        @Schema(required = true, description = "Billing's client id.", examples = "0f8e3c52-4b7e-4d0e-9d55-2f7f1a9c6b10")
        String client,
        @Schema(required = true, description = "The unit type's id, or its name.", examples = "vcpu-hour")
        String unitType,
        @Schema(description = "Default: the unit type's name.", examples = "Production cluster") String name,
        @Schema(description = "Where the usage comes from, for revenue by source.", examples = "k8s")
        String sourceType,
        @Schema(type = SchemaType.STRING, description = "Units per period; default from the template.",
                examples = "720") BigDecimal commitUnits,
        @Schema(type = SchemaType.STRING, description = "Price of the commit per period; default from the template.",
                examples = "300.00") BigDecimal basePrice,
        @Schema(type = SchemaType.STRING, description = "Price per unit above the commit; default from the template.",
                examples = "0.45") BigDecimal overageRate,
        @Schema(description = "Default now. A bucket active for part of a period has its base and commit prorated.",
                examples = "2026-11-01T00:00:00Z") Instant startsAt,
        Instant endsAt,
        @Schema(description = "Default true for a bucket made by hand.") Boolean reviewed,
        @Schema(description = "Default true. A disabled bucket is not billed.") Boolean enabled,
        @Schema(description = "Asset ids whose usage the bucket counts. None: the client's other usage of the meter.",
                examples = "[\"node-a\",\"node-b\"]") List<String> assets) {

    static final int MAX_ASSETS = 10_000;

    /** Throws a 400 listing every invalid field. */
    void validate() {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (client == null || parseClient() == null) {
            errors.add(new Problem.FieldError("client", "is required: a client id"));
        }
        if (unitType == null || unitType.isBlank()) {
            errors.add(new Problem.FieldError("unitType", "is required: a unit type's id or name"));
        }
        if (name != null && (name.isBlank() || name.length() > 200)) {
            errors.add(new Problem.FieldError("name", "must be 1 to 200 characters"));
        }
        if (sourceType != null && (sourceType.isBlank() || sourceType.length() > 100)) {
            errors.add(new Problem.FieldError("sourceType", "must be 1 to 100 characters"));
        }
        if (commitUnits != null && commitUnits.signum() <= 0) {
            errors.add(new Problem.FieldError("commitUnits", "must be greater than 0"));
        }
        if (basePrice != null && basePrice.signum() < 0) {
            errors.add(new Problem.FieldError("basePrice", "must not be negative"));
        }
        if (overageRate != null && overageRate.signum() < 0) {
            errors.add(new Problem.FieldError("overageRate", "must not be negative"));
        }
        if (startsAt != null && endsAt != null && !endsAt.isAfter(startsAt)) {
            errors.add(new Problem.FieldError("endsAt", "must be after startsAt"));
        }
        if (assets != null) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < assets.size(); i++) {
                String asset = assets.get(i);
                if (asset == null || asset.isBlank() || asset.length() > 256) {
                    errors.add(new Problem.FieldError("assets[" + i + "]", "must be an asset id of 1 to 256 characters"));
                } else if (!seen.add(asset)) {
                    errors.add(new Problem.FieldError("assets[" + i + "]", "repeats " + asset));
                }
            }
            if (assets.size() > MAX_ASSETS) {
                errors.add(new Problem.FieldError("assets", "at most " + MAX_ASSETS + " per bucket"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalidFields("The bucket", errors);
        }
    }

    UUID parseClient() {
        try {
            return UUID.fromString(client);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
