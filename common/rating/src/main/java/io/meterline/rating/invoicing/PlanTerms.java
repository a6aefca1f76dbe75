package io.meterline.rating.invoicing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.meterline.rating.Charge;
import io.meterline.rating.Discount;

/**
 * A subscription's plan for one period: the version in effect at the period's last instant, with its plan-level discounts (the
 * plan's and the client's negotiated ones; charge-level discounts are on the charges), and
 * the subscription's window (its fixed parts are prorated by the part of the period it covers).
 */
public record PlanTerms(UUID subscriptionId, UUID planId, int version, String planName, List<Charge> charges,
        List<Discount> planDiscounts, Instant startsAt, Instant endsAt, boolean billMetersWithBuckets) {
}
