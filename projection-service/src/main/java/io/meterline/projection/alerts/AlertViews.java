package io.meterline.projection.alerts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What the alert endpoints answer. */
public final class AlertViews {

    private AlertViews() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Alert", description = "A rule's current state in one scope.")
    public record Alert(UUID rule, String ruleName, String kind,
            @Schema(description = "client:<id>, bucket:<id>, charge:<client id>:<key>:<dimensions> or "
                    + "meter:<client id>:<meter>") String scope,
            UUID client, @Schema(enumeration = { "OK", "WARNING", "FIRING" }) String status, Instant since,
            @Schema(description = "The value at the last change of status.") BigDecimal value, BigDecimal threshold,
            BigDecimal warningAt, Instant periodStart,
            @Schema(description = "The period it last notified for.") Instant notifiedPeriod, Instant evaluatedAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "AlertHistoryEntry")
    public record History(UUID rule, String scope, String from, String to, BigDecimal value, BigDecimal threshold,
            boolean notified, Instant at) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "WebhookDelivery", description = "One notification to a webhook, with every attempt.")
    public record Delivery(@Schema(description = "Also the webhook-id header.") UUID id, String url,
            @Schema(enumeration = { "PENDING", "DELIVERED", "FAILED" }) String status, int attempts,
            Instant nextAttemptAt, Instant createdAt, Instant deliveredAt,
            @Schema(description = "The body sent.") String payload, List<Attempt> log) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "WebhookAttempt")
    public record Attempt(int attempt, Instant at, Integer statusCode, String error, long durationMs) {
    }
}
