package io.meterline.pricing.discounts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.meterline.platform.problem.Problem;
import io.meterline.platform.problem.ProblemException;
import io.meterline.rating.Discount;
import io.meterline.rating.InvalidRatingInputException;
import io.meterline.rating.RatingCurrency;
import io.meterline.rating.RatingValidation;

/** A discount or promotion, scoped to a price plan, one charge of it, or one client. */
@Schema(name = "DiscountRequest")
public record DiscountRequest(
        @Schema(required = true, examples = "Launch promotion") String name,
        @Schema(required = true, enumeration = { "PERCENT", "AMOUNT" }) String type,
        @Schema(required = true, type = SchemaType.STRING, description = "0 to 100 for PERCENT; money for AMOUNT",
                examples = "10") BigDecimal value,
        @Schema(description = "Required for AMOUNT", examples = "USD") String currency,
        @Schema(required = true, enumeration = { "PLAN", "CHARGE", "CLIENT" }) String scope,
        @Schema(description = "The price plan, for PLAN and CHARGE scopes") UUID planId,
        @Schema(description = "The charge's key, for the CHARGE scope", examples = "tokens") String chargeKey,
        @Schema(description = "The client's customer id, for the CLIENT scope", examples = "acme") String client,
        @Schema(description = "A promotion starts here (inclusive)", examples = "2026-11-01T00:00:00Z") Instant validFrom,
        @Schema(description = "and ends here (exclusive)", examples = "2026-12-01T00:00:00Z") Instant validUntil) {

    /** Throws a 400 listing every field that is invalid on its own; references are checked by the service. */
    void validate() {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (name == null || name.isBlank() || name.length() > 200) {
            errors.add(new Problem.FieldError("name", "is required, at most 200 characters"));
        }
        Discount.Type kind = null;
        if (type == null || !List.of("PERCENT", "AMOUNT").contains(type)) {
            errors.add(new Problem.FieldError("type", "must be PERCENT or AMOUNT"));
        } else {
            kind = Discount.Type.valueOf(type);
        }
        if (kind != null) {
            RatingValidation.discountViolations(toDiscount(), "")
                    .forEach(v -> errors.add(new Problem.FieldError(v.field().replaceFirst("^\\.", ""), v.message())));
        }
        if (kind == Discount.Type.AMOUNT && currency == null) {
            errors.add(new Problem.FieldError("currency", "is required for an AMOUNT discount"));
        }
        if (currency != null) {
            try {
                RatingCurrency.of(currency);
            } catch (InvalidRatingInputException e) {
                errors.add(new Problem.FieldError("currency", e.violations().get(0).message()));
            }
        }
        if (scope == null || !List.of("PLAN", "CHARGE", "CLIENT").contains(scope)) {
            errors.add(new Problem.FieldError("scope", "must be PLAN, CHARGE or CLIENT"));
        } else {
            boolean needsPlan = !scope.equals("CLIENT");
            if (needsPlan && planId == null) {
                errors.add(new Problem.FieldError("planId", "is required for the " + scope + " scope"));
            }
            if (!needsPlan && planId != null) {
                errors.add(new Problem.FieldError("planId", "is not used by the CLIENT scope"));
            }
            if (scope.equals("CHARGE") != (chargeKey != null)) {
                errors.add(new Problem.FieldError("chargeKey", scope.equals("CHARGE")
                        ? "is required for the CHARGE scope" : "is only used by the CHARGE scope"));
            }
            if (scope.equals("CLIENT") != (client != null)) {
                errors.add(new Problem.FieldError("client", scope.equals("CLIENT")
                        ? "is required for the CLIENT scope" : "is only used by the CLIENT scope"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalidFields("The discount", errors);
        }
    }

    Discount toDiscount() {
        return new Discount(Discount.Type.valueOf(type), value, validFrom, validUntil, name);
    }
}
