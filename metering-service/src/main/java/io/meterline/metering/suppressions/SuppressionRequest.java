package io.meterline.metering.suppressions;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.meterline.platform.problem.Problem;
import io.meterline.platform.problem.ProblemException;

/** A new ingest suppression rule. */
@Schema(name = "SuppressionRequest")
public record SuppressionRequest(
        @Schema(required = true, description = "A glob: * any characters, ? one", examples = "loadtest-*") String pattern,
        @Schema(required = true, enumeration = { "ASSET", "SOURCE", "CUSTOMER" }) String target,
        @Schema(required = true, examples = "Load-test hosts, never billed") String reason) {

    void validate() {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (pattern == null || pattern.isBlank() || pattern.length() > 256) {
            errors.add(new Problem.FieldError("pattern", "is required: a glob of 1 to 256 characters"));
        } else if (pattern.chars().allMatch(c -> c == '*')) {
            errors.add(new Problem.FieldError("pattern", "would drop every event; name what to drop"));
        }
        if (target == null || !List.of("ASSET", "SOURCE", "CUSTOMER").contains(target)) {
            errors.add(new Problem.FieldError("target", "must be ASSET, SOURCE or CUSTOMER"));
        }
        if (reason == null || reason.isBlank() || reason.length() > 1000) {
            errors.add(new Problem.FieldError("reason", "is required, at most 1000 characters: say why"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalidFields("The suppression rule", errors);
        }
    }
}
