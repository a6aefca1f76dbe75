package io.meterline.billing.clients;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.meterline.platform.problem.Problem;
import io.meterline.platform.problem.ProblemException;
import io.meterline.rating.InvalidRatingInputException;
import io.meterline.rating.RatingCurrency;
import io.meterline.rating.periods.BillingCycle;

/** What an admin sends to create or replace a client. Absent optional fields take the documented defaults. */
@Schema(name = "ClientRequest")
public record ClientRequest(
        @Schema(required = true, examples = "Acme Corp") String name,
        @Schema(required = true, description = "The customer on usage events; unique.", examples = "acme")
        String externalId,
        @Schema(required = true, description = "ISO 4217.", examples = "USD") String currency,
        @Schema(required = true, description = "An IANA time zone.", examples = "America/New_York") String timeZone,
        @Schema(description = "Default CALENDAR_MONTH.") BillingCycle billingCycle,
        @Schema(description = "When billing starts; default now. Between boundaries, the first period is a "
                + "prorated stub.", examples = "2026-01-01T05:00:00Z") Instant startsAt,
        @Schema(description = "When billing ends: the last period ends here and gets its final invoice.")
        Instant endsAt,
        @Schema(description = "ISO-8601, from PT0S to P90D; default P3D.", examples = "P3D") String gracePeriod,
        @Schema(description = "0 to 365; default 30.", examples = "30") Integer paymentTermsDays,
        @Schema(description = "Default true. A disabled client is not billed.") Boolean enabled,
        @Schema(examples = "cus_Q1w2E3r4T5y6U7") String stripeCustomerId) {

    static final int DEFAULT_PAYMENT_TERMS_DAYS = 30;

    /** Throws a 400 listing every invalid field. */
    void validate() {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (name == null || name.isBlank() || name.length() > 200) {
            errors.add(new Problem.FieldError("name", "is required, at most 200 characters"));
        }
        if (externalId == null || externalId.isBlank() || externalId.length() > 256) {
            errors.add(new Problem.FieldError("externalId",
                    "is required: the customer on usage events, 1 to 256 characters"));
        }
        try {
            RatingCurrency.of(currency);
        } catch (InvalidRatingInputException e) {
            errors.add(new Problem.FieldError("currency", e.violations().get(0).message()));
        }
        if (timeZone == null || !ZoneId.getAvailableZoneIds().contains(timeZone)) {
            errors.add(new Problem.FieldError("timeZone",
                    "must be an IANA time zone such as Europe/Berlin or America/New_York"
                            + (timeZone == null ? "" : "; '" + timeZone + "' is not one")));
        }
        validateCycle(errors);
        if (endsAt != null && startsAt != null && !endsAt.isAfter(startsAt)) {
            errors.add(new Problem.FieldError("endsAt", "must be after startsAt"));
        }
        if (gracePeriod != null) {
            Duration grace = GracePeriods.parse(gracePeriod);
            if (grace == null || grace.isNegative() || grace.compareTo(GracePeriods.MAX) > 0) {
                errors.add(new Problem.FieldError("gracePeriod", "must be an ISO-8601 duration from PT0S to P90D"));
            }
        }
        if (paymentTermsDays != null && (paymentTermsDays < 0 || paymentTermsDays > 365)) {
            errors.add(new Problem.FieldError("paymentTermsDays", "must be between 0 and 365"));
        }
        if (stripeCustomerId != null && !stripeCustomerId.matches("cus_[A-Za-z0-9]{1,250}")) {
            errors.add(new Problem.FieldError("stripeCustomerId", "must be a Stripe customer id such as cus_Q1w2E3r4"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalidFields("The client", errors);
        }
    }

    private void validateCycle(List<Problem.FieldError> errors) {
        if (billingCycle == null) {
            return;
        }
        if (billingCycle.type() == null) {
            errors.add(new Problem.FieldError("billingCycle.type", "is required: CALENDAR_MONTH or ANNIVERSARY"));
        } else if (billingCycle.type() == BillingCycle.Type.ANNIVERSARY) {
            Integer day = billingCycle.anchorDay();
            if (day == null || day < 1 || day > 31) {
                errors.add(new Problem.FieldError("billingCycle.anchorDay",
                        "must be between 1 and 31 (a shorter month uses its last day)"));
            }
        } else if (billingCycle.anchorDay() != null) {
            errors.add(new Problem.FieldError("billingCycle.anchorDay", "is for ANNIVERSARY cycles only"));
        }
    }

    BillingCycle cycleOrDefault() {
        return billingCycle == null ? BillingCycle.CALENDAR_MONTH : billingCycle;
    }

    Duration gracePeriodOrDefault() {
        return gracePeriod == null ? GracePeriods.DEFAULT : GracePeriods.parse(gracePeriod);
    }

    int paymentTermsOrDefault() {
        return paymentTermsDays == null ? DEFAULT_PAYMENT_TERMS_DAYS : paymentTermsDays;
    }

    boolean enabledOrDefault() {
        return enabled == null || enabled;
    }
}
