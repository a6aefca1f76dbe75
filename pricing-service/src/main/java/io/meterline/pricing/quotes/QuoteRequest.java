package io.meterline.pricing.quotes;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.meterline.platform.problem.Problem;
import io.meterline.platform.problem.ProblemException;
import io.meterline.rating.UsageQuantity;

/** Usage to quote under a price plan, optionally for one client (whose negotiated discounts then apply). */
@Schema(name = "QuoteRequest")
public record QuoteRequest(
        @Schema(required = true) List<Usage> usage,
        @Schema(description = "The client's customer id", examples = "acme") String client,
        @Schema(description = "Which versions and discounts are in effect. Default: now.") Instant at,
        @Schema(type = SchemaType.STRING, description = "0 < f ≤ 1: prorates fixed parts. Default 1.")
        BigDecimal periodFraction) {

    public static final int MAX_USAGE_ROWS = 10_000;

    @Schema(name = "QuoteUsage")
    public record Usage(@Schema(required = true, examples = "llm_tokens") String meter,
            @Schema(examples = "{\"model\":\"gpt-4o\"}") Map<String, String> dimensions,
            @Schema(required = true, type = SchemaType.STRING, examples = "1250000") BigDecimal quantity) {
    }

    List<UsageQuantity> validatedUsage() {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (usage == null) {
            throw ProblemException.invalidField("usage", "is required");
        }
        if (usage.size() > MAX_USAGE_ROWS) {
            throw ProblemException.invalidField("usage", "at most " + MAX_USAGE_ROWS + " rows per quote");
        }
        List<UsageQuantity> rows = new ArrayList<>(usage.size());
        for (int i = 0; i < usage.size(); i++) {
            Usage u = usage.get(i);
            String path = "usage[" + i + "]";
            if (u == null) {
                errors.add(new Problem.FieldError(path, "is required"));
                continue;
            }
            if (u.meter() == null || !u.meter().matches("[a-z0-9_.-]{1,128}")) {
                errors.add(new Problem.FieldError(path + ".meter", "is required: a meter's apiName, [a-z0-9_.-]+"));
            }
            if (u.quantity() == null || u.quantity().signum() < 0) {
                errors.add(new Problem.FieldError(path + ".quantity", "is required and must not be negative"));
            }
            Map<String, String> dims = u.dimensions() == null ? Map.of() : u.dimensions();
            dims.forEach((k, v) -> {
                if (k == null || v == null || k.length() > 128 || v.length() > 256) {
                    errors.add(new Problem.FieldError(path + ".dimensions." + k,
                            "keys are at most 128 characters and values at most 256, none null"));
                }
            });
            if (errors.isEmpty()) {
                rows.add(new UsageQuantity(u.meter(), dims, u.quantity()));
            }
        }
        if (periodFraction != null && (periodFraction.signum() <= 0 || periodFraction.compareTo(BigDecimal.ONE) > 0)) {
            errors.add(new Problem.FieldError("periodFraction", "must be greater than 0 and at most 1"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalidFields("The quote request", errors);
        }
        return rows;
    }
}
