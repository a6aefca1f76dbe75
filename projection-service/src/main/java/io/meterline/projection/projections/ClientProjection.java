package io.meterline.projection.projections;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.meterline.rating.periods.BillingPeriod;

/**
 * A client's open period, projected: its lines, and the period's revenue (what it would invoice after discounts,
 * before late-usage adjustments and credits) and metered cost, so far and at the period's end.
 */
public record ClientProjection(UUID clientId, String externalId, String currency, BillingPeriod period,
        List<ProjectionLine> lines, BigDecimal currentRevenue, BigDecimal currentCost, BigDecimal projectedRevenue,
        BigDecimal projectedCost, Instant calculatedAt) {

    public ClientProjection {
        lines = List.copyOf(lines);
    }
}
