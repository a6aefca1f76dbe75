package io.meterline.billing.subscriptions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.meterline.platform.problem.Problem;
import io.meterline.platform.problem.ProblemException;

/** What an admin sends to subscribe a client to a price plan, or to change (end) a subscription. */
@Schema(name = "SubscriptionRequest")
public record SubscriptionRequest(
        @Schema(required = true, description = "Billing's client id.") String client,
        @Schema(required = true, description = "A price plan's id (pricing-service).") String pricePlan,
        @Schema(description = "Default now.", examples = "2026-11-01T00:00:00Z") Instant startsAt,
        @Schema(description = "When the subscription ends; its last period is prorated.") Instant endsAt,
        @Schema(description = "Bill the plan's charges on meters that a bucket of the client also counts. Default "
                + "false: the bucket wins, and a quote shows the overlap.") Boolean billMetersWithBuckets) {

    void validate() {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (uuid(client) == null) {
            errors.add(new Problem.FieldError("client", "is required: a client id"));
        }
        if (uuid(pricePlan) == null) {
            errors.add(new Problem.FieldError("pricePlan", "is required: a price plan id"));
        }
        if (startsAt != null && endsAt != null && !endsAt.isAfter(startsAt)) {
            errors.add(new Problem.FieldError("endsAt", "must be after startsAt"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalidFields("The subscription", errors);
        }
    }

    static UUID uuid(String text) {
        try {
            return text == null ? null : UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
