package io.meterline.projection.projections;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.meterline.projection.state.DiscountSpread;
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

    /**
     * Each line's projected revenue: what it would bill plus its share of the period's projected plan-level discounts
     * (the projected revenue less what the lines bill), spread as {@link DiscountSpread} does for a closed period.
     */
    public List<BigDecimal> lineRevenues() {
        BigDecimal billed = lines.stream().map(ProjectionLine::projectedCost).reduce(BigDecimal.ZERO, BigDecimal::add);
        return DiscountSpread.revenues(lines.stream()
                .map(l -> new DiscountSpread.Line(l.projectedCost(), l.chargeKey() != null)).toList(),
                projectedRevenue.subtract(billed));
    }
}
