package io.meterline.billing.clients;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.meterline.rating.periods.BillingCycle;

/** A client as the API shows it, and as the audit log records it. */
@Schema(name = "Client")
public record ClientView(
        @Schema(examples = "0f8e3c52-4b7e-4d0e-9d55-2f7f1a9c6b10") UUID id,
        @Schema(examples = "Acme Corp") String name,
        @Schema(description = "The customer on usage events.", examples = "acme") String externalId,
        @Schema(examples = "USD") String currency,
        @Schema(description = "IANA time zone the periods are computed in.", examples = "America/New_York")
        String timeZone,
        BillingCycle billingCycle,
        @Schema(examples = "2026-01-01T05:00:00Z") Instant startsAt,
        @Schema(description = "When billing ends; the last period ends here.") Instant endsAt,
        @Schema(description = "How long after a period ends a billing run waits for late usage (ISO-8601).",
                examples = "P3D")
        String gracePeriod,
        @Schema(description = "Days from an invoice's issue date to its due date.", examples = "30")
        int paymentTermsDays,
        boolean enabled,
        @Schema(examples = "cus_Q1w2E3r4T5y6U7") String stripeCustomerId,
        Instant createdAt,
        Instant updatedAt,
        @Schema(description = "Increases with every change.", examples = "1") long version) {

    public static ClientView of(Client client) {
        return new ClientView(client.id, client.name, client.externalId, client.currency, client.timeZone,
                client.billingCycle(), client.startsAt, client.endsAt, GracePeriods.format(client.gracePeriod()), client.paymentTermsDays,
                client.enabled, client.stripeCustomerId, client.createdAt, client.updatedAt, client.version);
    }
}
