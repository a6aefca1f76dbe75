package io.meterline.billing.runs;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.meterline.billing.clients.Client;
import io.meterline.billing.invoices.Invoice;
import io.meterline.billing.lateusage.LateUsageReport;
import io.meterline.billing.readings.BillingReading;
import io.meterline.billing.usage.UsageTotal;
import io.meterline.rating.RatingCurrency;
import io.meterline.rating.UsageQuantity;
import io.meterline.rating.invoicing.BucketTerms;
import io.meterline.rating.invoicing.InvoiceLine;
import io.meterline.rating.invoicing.LateUsageCorrections;
import io.meterline.rating.invoicing.PeriodBiller;
import io.meterline.rating.invoicing.PeriodInputs;
import io.meterline.rating.periods.BillingPeriod;

/**
 * Finds a client's late usage when its next invoice is made: each finalized period in the lookback is re-rated with
 * the usage metering has now, and differs from what was billed and adjusted by an ADJUSTMENT line; meters whose
 * policy is REJECT are reported instead of billed.
 */
@ApplicationScoped
public class LateUsageFinder {

    @Inject
    Clock clock;

    /** The adjustments for the next invoice, and the late usage to report. */
    record Found(List<InvoiceLine> adjustments, List<LateUsageReport> reports) {
    }

    Found find(Client client, ClientChunk chunk, PeriodInputsBuilder builder, List<BillingPeriod> finalized,
            Set<String> rejectMeters, Function<BillingPeriod, List<UsageTotal>> rows,
            Function<BillingPeriod, List<UsageTotal>> wholeRows) {
        List<InvoiceLine> adjustments = new ArrayList<>();
        List<LateUsageReport> reports = new ArrayList<>();
        RatingCurrency currency = RatingCurrency.of(client.currency);
        for (BillingPeriod period : finalized) {
            Invoice invoice = chunk.invoices.get(client.id).stream()
                    .filter(i -> i.periodStart.equals(period.start())).findFirst().orElseThrow();
            List<BillingReading> billed = chunk.readings.getOrDefault(invoice.id, List.of());
            PeriodInputs rerate = builder.rerateInputs(client, period, rows.apply(period), wholeRows.apply(period),
                    rejectMeters, billed);
            LateUsageCorrections.adjustment(currency, period, PeriodBiller.bill(rerate),
                    LateUsageCorrections.billedForPeriod(chunk.lines.getOrDefault(invoice.id, List.of())),
                    chunk.adjustedBefore(client.id, period.start())).ifPresent(adjustments::add);
            if (!rejectMeters.isEmpty()) {
                PeriodInputs now = builder.inputs(client, period, rows.apply(period), wholeRows.apply(period),
                        List.of(), BigDecimal.ZERO);
                for (String meter : rejectMeters) {
                    report(client, period, meter, now, billed).ifPresent(reports::add);
                }
            }
        }
        return new Found(adjustments, reports);
    }

    private java.util.Optional<LateUsageReport> report(Client client, BillingPeriod period, String meter,
            PeriodInputs now, List<BillingReading> billed) {
        boolean bucketed = now.buckets().stream().anyMatch(b -> b.meter().equals(meter));
        BigDecimal current = bucketed
                ? now.buckets().stream().filter(b -> b.meter().equals(meter)).map(BucketTerms::usage)
                        .reduce(BigDecimal.ZERO, BigDecimal::add)
                : now.clientUsage().stream().filter(u -> u.meter().equals(meter)).map(UsageQuantity::quantity)
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal was = billed.stream().filter(r -> r.meter.equals(meter) && (r.bucketId != null) == bucketed)
                .map(r -> r.usage).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (current.compareTo(was) == 0) {
            return java.util.Optional.empty();
        }
        LateUsageReport report = new LateUsageReport();
        report.clientId = client.id;
        report.periodStart = period.start();
        report.periodEnd = period.end();
        report.meter = meter;
        report.billedUsage = was;
        report.currentUsage = current;
        report.detectedAt = clock.instant();
        return java.util.Optional.of(report);
    }
}
