package io.meterline.pricing.plans;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.meterline.contracts.catalog.ChargeSpec;
import io.meterline.platform.problem.Problem;
import io.meterline.platform.problem.ProblemException;
import io.meterline.rating.InvalidRatingInputException;
import io.meterline.rating.RatingCurrency;

/** A plan's name, currency, optional client (for negotiated terms) and draft charges. */
@Schema(name = "PlanRequest")
public record PlanRequest(
        @Schema(required = true, examples = "AI platform 2026") String name,
        @Schema(examples = "Tokens by model, plus a platform fee") String description,
        @Schema(required = true, examples = "USD") String currency,
        @Schema(description = "Set for negotiated terms that apply to this client only (its external customer id)",
                examples = "acme") String client,
        @Schema(required = true) List<ChargeSpec> charges) {

    /** Far above a real plan's meters; keeps one plan's validation, storage and rating small. */
    static final int MAX_CHARGES = 200;

    /** Throws a 400 listing every invalid field, the charges' prices included. */
    void validate(PlanKind kind) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (name == null || name.isBlank() || name.length() > 200) {
            errors.add(new Problem.FieldError("name", "is required, at most 200 characters"));
        }
        if (description != null && description.length() > 2000) {
            errors.add(new Problem.FieldError("description", "must be at most 2000 characters"));
        }
        try {
            RatingCurrency.of(currency);
        } catch (InvalidRatingInputException e) {
            errors.add(new Problem.FieldError("currency", e.violations().get(0).message()));
        }
        if (client != null && !client.matches("[A-Za-z0-9_.:@-]{1,256}")) {
            errors.add(new Problem.FieldError("client", "must be a customer id: 1 to 256 of A-Z a-z 0-9 _ . : @ -"));
        }
        if (client != null && kind == PlanKind.COST) {
            errors.add(new Problem.FieldError("client", "cost-rate plans apply to all usage, not to one client"));
        }
        if (charges == null) {
            errors.add(new Problem.FieldError("charges", "is required (it may be empty while drafting)"));
        } else if (charges.size() > MAX_CHARGES) {
            errors.add(new Problem.FieldError("charges", "has " + charges.size() + " charges; a plan has at most "
                    + MAX_CHARGES + " (one per meter)"));
        } else {
            Set<String> keys = new HashSet<>();
            Set<String> meters = new HashSet<>();
            for (int i = 0; i < charges.size(); i++) {
                ChargeSpec charge = charges.get(i);
                String path = "charges[" + i + "]";
                if (charge == null) {
                    errors.add(new Problem.FieldError(path, "is required"));
                    continue;
                }
                try {
                    charge.toCharge(path, List.of());
                } catch (InvalidRatingInputException e) {
                    e.violations().forEach(v -> errors.add(new Problem.FieldError(v.field(), v.message())));
                }
                if (charge.key() != null && !keys.add(charge.key())) {
                    errors.add(new Problem.FieldError(path + ".key", "is used by another charge of this plan"));
                }
                if (charge.meter() != null && !meters.add(charge.meter())) {
                    errors.add(new Problem.FieldError(path + ".meter",
                            "has another charge in this plan; put its prices in one charge's dimensionPrices"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalidFields("The " + kind.label(), errors);
        }
    }
}
