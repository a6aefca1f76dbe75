package io.meterline.projection.alerts;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.meterline.platform.problem.Problem;
import io.meterline.platform.problem.ProblemException;

/** A new alert rule. Validated as a whole: every bad field is named at once. */
@Schema(name = "AlertRuleRequest")
public record AlertRuleRequest(
        @Schema(required = true, examples = "Acme near its vCPU commit") String name,
        @Schema(required = true, enumeration = { "USAGE_THRESHOLD", "COST_THRESHOLD", "PERCENT_OF_COMMIT",
                "PROJECTED_OVERAGE", "PROJECTED_SHORTFALL", "MARGIN_BELOW", "COST_PER_UNIT_ANOMALY" })
        String kind,
        @Schema(description = "Where the rule looks; empty for all clients.") Scope scope,
        @Schema(required = true, description = "The value that fires the rule (a robust z-score for "
                + "COST_PER_UNIT_ANOMALY, a percentage for the % kinds, an amount in the client's currency for "
                + "COST_THRESHOLD, units for USAGE_THRESHOLD).", examples = "100") BigDecimal threshold,
        @Schema(description = "The value that makes it WARNING, short of the threshold.", examples = "80")
        BigDecimal warningAt,
        @Schema(description = "Where notifications are POSTed, signed (Standard Webhooks).") Webhook webhook) {

    @Schema(name = "AlertScope")
    public record Scope(@Schema(description = "Billing's client id.") UUID client,
            @Schema(description = "A bucket (of the client, if one is given).") UUID bucket,
            @Schema(examples = "vcpu_hours") String meter) {
    }

    @Schema(name = "AlertWebhook")
    public record Webhook(@Schema(required = true, examples = "https://hooks.example.com/meterline") String url) {
    }

    public Scope scopeOrAll() {
        return scope == null ? new Scope(null, null, null) : scope;
    }

    /** The kind, once {@link #validate()} has passed. */
    public AlertKind alertKind() {
        return AlertKind.valueOf(kind.trim().toUpperCase(Locale.ROOT));
    }

    public void validate() {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (name == null || name.isBlank() || name.length() > 200) {
            errors.add(new Problem.FieldError("name", "is required, at most 200 characters"));
        }
        AlertKind parsed = null;
        if (kind == null) {
            errors.add(new Problem.FieldError("kind", "is required"));
        } else {
            try {
                parsed = alertKind();
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError("kind", "must be one of " + java.util.Arrays.toString(
                        AlertKind.values())));
            }
        }
        if (threshold == null) {
            errors.add(new Problem.FieldError("threshold", "is required"));
        } else if (parsed != null && warningAt != null
                && (parsed.firesAbove() ? warningAt.compareTo(threshold) > 0 : warningAt.compareTo(threshold) < 0)) {
            errors.add(new Problem.FieldError("warningAt", parsed.firesAbove()
                    ? "must not be above the threshold: the rule warns before it fires"
                    : "must not be below the threshold: MARGIN_BELOW warns before it fires"));
        }
        if (scope != null && scope.meter() != null && scope.meter().isBlank()) {
            errors.add(new Problem.FieldError("scope.meter", "must not be blank"));
        }
        if (webhook != null) {
            String error = urlError(webhook.url());
            if (error != null) {
                errors.add(new Problem.FieldError("webhook.url", error));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalidFields("the alert rule", errors);
        }
    }

    static String urlError(String url) {
        if (url == null || url.isBlank()) {
            return "is required with a webhook";
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                return "must be an absolute http or https URL";
            }
            return url.length() > 2000 ? "must be at most 2000 characters" : null;
        } catch (URISyntaxException e) {
            return "must be an absolute http or https URL";
        }
    }
}
