package io.meterline.rating.invoicing;

import java.math.BigDecimal;
import java.util.List;

import io.meterline.rating.Charge;
import io.meterline.rating.RatingCurrency;
import io.meterline.rating.UsageQuantity;
import io.meterline.rating.periods.BillingPeriod;

/**
 * Everything one client's period is billed from, already read: its buckets, its plans, the cost rates in effect,
 * the client's usage per meter and dimension set (for plan charges), late-usage adjustments computed for earlier
 * periods, and the credit carried from its last invoice.
 */
public record PeriodInputs(RatingCurrency currency, BillingPeriod period, List<BucketTerms> buckets,
        List<PlanTerms> plans, List<Charge> costCharges, List<UsageQuantity> clientUsage,
        List<InvoiceLine> adjustments, BigDecimal creditCarried) {

    public PeriodInputs {
        buckets = List.copyOf(buckets);
        plans = List.copyOf(plans);
        costCharges = List.copyOf(costCharges);
        clientUsage = List.copyOf(clientUsage);
        adjustments = List.copyOf(adjustments);
        creditCarried = creditCarried == null ? BigDecimal.ZERO : creditCarried;
    }
}
