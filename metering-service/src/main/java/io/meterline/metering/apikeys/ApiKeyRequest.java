package io.meterline.metering.apikeys;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.meterline.platform.problem.Problem;
import io.meterline.platform.problem.ProblemException;

/** A key to make for a tenant service. */
@Schema(name = "ApiKeyRequest")
public record ApiKeyRequest(@Schema(required = true, examples = "llm-gateway prod") String name,
        @Schema(required = true, enumeration = { "ingest", "read" }) String role,
        @Schema(description = "Scope the key to this customer", examples = "acme") String customer) {

    void validate() {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (name == null || name.isBlank() || name.length() > 200) {
            errors.add(new Problem.FieldError("name", "is required, at most 200 characters"));
        }
        if (!ApiKeyIdentity.INGEST.equals(role) && !ApiKeyIdentity.READ.equals(role)) {
            errors.add(new Problem.FieldError("role", "must be ingest or read"));
        }
        if (customer != null && (customer.isBlank() || customer.length() > 256)) {
            errors.add(new Problem.FieldError("customer", "must be 1 to 256 characters"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalidFields("The API key", errors);
        }
    }
}
