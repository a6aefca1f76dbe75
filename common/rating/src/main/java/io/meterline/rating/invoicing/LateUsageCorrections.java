package io.meterline.rating.invoicing;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import io.meterline.rating.RatingCurrency;
import io.meterline.rating.periods.BillingPeriod;

/**
 * Late-usage corrections, computed and never accumulated: a finalized period re-rated now (under the plan and cost
 * versions in effect for it), less what its invoice billed for it, less the adjustments already made for it. Re-running
 * this gives zero once a correction is on an invoice, so corrections cannot double. Pure.
 */
public final class LateUsageCorrections {

    private LateUsageCorrections() {
    }

    /** What an invoice's lines billed for its own period: every line but adjustments for others and credits. */
    public static BigDecimal billedForPeriod(List<InvoiceLine> lines) {
        BigDecimal sum = BigDecimal.ZERO;
        for (InvoiceLine line : lines) {
            if (line.kind() != InvoiceLine.Kind.ADJUSTMENT && line.kind() != InvoiceLine.Kind.CREDIT) {
                sum = sum.add(line.amount());
            }
        }
        return sum;
    }

    /** The ADJUSTMENT line for {@code period}, when re-rating it now differs from what was billed and adjusted. */
    public static Optional<InvoiceLine> adjustment(RatingCurrency currency, BillingPeriod period, PeriodBill rerated,
            BigDecimal billed, BigDecimal adjustedBefore) {
        BigDecimal delta = currency.round(billedForPeriod(rerated.lines()).subtract(billed).subtract(adjustedBefore));
        if (delta.signum() == 0) {
            return Optional.empty();
        }
        return Optional.of(new InvoiceLine(InvoiceLine.Kind.ADJUSTMENT, "Late usage for the period " + period.start()
                + " to " + period.end() + (delta.signum() > 0 ? "" : " (usage corrected down)"), BigDecimal.ONE, null,
                delta, null, null, null, period.start()));
    }
}
