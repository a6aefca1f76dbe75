package io.meterline.projection.alerts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An alert rule as the API shows it. The webhook secret appears once: in the answer that created the rule. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "AlertRule")
public record AlertRuleView(UUID id, String name, String kind, AlertRuleRequest.Scope scope, BigDecimal threshold,
        BigDecimal warningAt, Webhook webhook, boolean enabled, Instant createdAt, Instant updatedAt, long version) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "AlertRuleWebhook")
    public record Webhook(String url,
            @Schema(description = "The signing secret (whsec_...), shown only when the rule is created or a "
                    + "webhook is added to a rule that had none: keep it.")
            String secret) {
    }

    static AlertRuleView of(AlertRule r, boolean withSecret) {
        return new AlertRuleView(r.id, r.name, r.kind.name(), new AlertRuleRequest.Scope(r.clientId, r.bucketId,
                r.meter), r.threshold, r.warningAt, r.webhookUrl == null ? null
                        : new Webhook(r.webhookUrl, withSecret ? r.webhookSecret : null), r.enabled, r.createdAt,
                r.updatedAt, r.version);
    }
}
