package io.meterline.billing.invoicing;

import java.time.Instant;
import java.util.UUID;

import io.meterline.contracts.catalog.RatablePlan;

/**
 * A subscription's plan for one period: the version in effect at the period's last instant, with its discounts, and
 * the subscription's window (its fixed parts are prorated by the part of the period it covers).
 */
public record PlanTerms(UUID subscriptionId, UUID planId, int version, String planName, RatablePlan plan,
        Instant startsAt, Instant endsAt, boolean billMetersWithBuckets) {
}
