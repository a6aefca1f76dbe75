package io.meterline.billing.subscriptions;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A subscription as the API shows it, and as the audit log records it. */
@Schema(name = "Subscription")
public record SubscriptionView(UUID id, @Schema(description = "Billing's client id.") UUID client,
        @Schema(examples = "acme") String clientExternalId, UUID pricePlan,
        @Schema(examples = "AI platform") String pricePlanName, @Schema(examples = "USD") String currency,
        Instant startsAt, Instant endsAt, boolean billMetersWithBuckets, Instant createdAt, Instant updatedAt,
        long version) {
}
