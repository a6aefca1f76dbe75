package io.meterline.rating.invoicing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.meterline.rating.AppliedDiscount;
import io.meterline.rating.Charge;
import io.meterline.rating.ChargeRating;
import io.meterline.rating.PlanRater;
import io.meterline.rating.PlanRating;
import io.meterline.rating.Price;
import io.meterline.rating.PriceModel;
import io.meterline.rating.PriceSelection;
import io.meterline.rating.Proration;
import io.meterline.rating.RatedLine;
import io.meterline.rating.Rating;
import io.meterline.rating.RatingCurrency;
import io.meterline.rating.RatingEngine;
import io.meterline.rating.RatingRequest;
import io.meterline.rating.UnpricedUsage;
import io.meterline.rating.UsageQuantity;

/**
 * Bills one client's period: a function of its inputs (as Kill Bill's invoice generator is), so a billing run, an
 * invoice preview, a late-usage re-rating and a backtest all compute the same thing. All rating is
 * {@code common/rating}'s. Pure: no clock, no I/O.
 *
 * <p>Buckets: the COMMIT model over the bucket's usage, base and commit prorated by the part of the period the bucket
 * is active. Plans: each subscription's version in effect at the period's last instant, over the client's usage of
 * the meters no bucket counts (unless the subscription bills those too); when subscriptions change mid-period, the
 * usage goes to the one in effect at the period's end and each one's fixed parts are prorated. Cost: the cost rates
 * over the same usage.
 */
public final class PeriodBiller {

    private PeriodBiller() {
    }

    public static PeriodBill bill(PeriodInputs in) {
        RatingCurrency currency = in.currency();
        Instant at = in.period().end().minusNanos(1);
        List<Reading> readings = new ArrayList<>();
        List<InvoiceLine> lines = new ArrayList<>();
        Set<String> bucketMeters = new HashSet<>();
        for (BucketTerms bucket : in.buckets()) {
            BigDecimal fraction = in.period().fractionOf(bucket.startsAt(), bucket.endsAt());
            if (fraction.signum() == 0) {
                continue;
            }
            bucketMeters.add(bucket.meter());
            billBucket(currency, bucket, fraction, in.costCharges(), at, readings, lines);
        }
        // The position, not the value, of the plan that bills usage: two plans with equal terms are still two.
        int usagePlan = -1;
        for (int i = 0; i < in.plans().size(); i++) {
            PlanTerms p = in.plans().get(i);
            if (in.period().fractionOf(p.startsAt(), p.endsAt()).signum() > 0
                    && (usagePlan < 0 || p.startsAt().isAfter(in.plans().get(usagePlan).startsAt()))) {
                usagePlan = i;
            }
        }
        for (int i = 0; i < in.plans().size(); i++) {
            PlanTerms plan = in.plans().get(i);
            BigDecimal fraction = in.period().fractionOf(plan.startsAt(), plan.endsAt());
            if (fraction.signum() == 0) {
                continue;
            }
            List<UsageQuantity> usage = i == usagePlan
                    ? in.clientUsage().stream()
                            .filter(u -> plan.billMetersWithBuckets() || !bucketMeters.contains(u.meter())).toList()
                    : List.of();
            billPlan(currency, plan, fraction, usage, in.costCharges(), at, readings, lines);
        }
        lines.addAll(in.adjustments());
        BigDecimal sum = currency.zero();
        for (InvoiceLine line : lines) {
            sum = sum.add(line.amount());
        }
        if (in.creditCarried().signum() > 0) {
            BigDecimal credit = currency.round(in.creditCarried());
            lines.add(InvoiceLine.of(InvoiceLine.Kind.CREDIT, "Credit from the previous invoice", BigDecimal.ONE,
                    credit.negate()));
            sum = sum.subtract(credit);
        }
        BigDecimal carried = BigDecimal.ZERO;
        if (sum.signum() < 0) {
            carried = sum.negate();
            lines.add(InvoiceLine.of(InvoiceLine.Kind.CREDIT, "Carried to the next invoice", BigDecimal.ONE, carried));
            sum = currency.zero();
        }
        return new PeriodBill(readings, lines, currency.round(sum), carried);
    }

    /** The plan charges on meters the period's buckets count, and whether they bill too (the quote shows them). */
    public static List<Overlap> overlaps(PeriodInputs in) {
        List<Overlap> overlaps = new ArrayList<>();
        for (PlanTerms plan : in.plans()) {
            if (in.period().fractionOf(plan.startsAt(), plan.endsAt()).signum() == 0) {
                continue;
            }
            for (Charge charge : plan.charges()) {
                for (BucketTerms bucket : in.buckets()) {
                    if (bucket.meter().equals(charge.meter())
                            && in.period().fractionOf(bucket.startsAt(), bucket.endsAt()).signum() > 0) {
                        overlaps.add(new Overlap(charge.meter(), plan.planId(), charge.key(), bucket.bucketId(),
                                plan.billMetersWithBuckets()));
                    }
                }
            }
        }
        return overlaps;
    }

    private static void billBucket(RatingCurrency currency, BucketTerms bucket, BigDecimal fraction,
            List<Charge> costCharges, Instant at, List<Reading> readings, List<InvoiceLine> lines) {
        BigDecimal commit = Proration.quantity(bucket.commitUnits(), fraction);
        Price price = Price.of(new PriceModel.Commit(commit, bucket.basePrice(), bucket.overageRate()));
        Rating rating = RatingEngine.rate(new RatingRequest(currency, bucket.usage(), price, List.of(), fraction, at));
        BigDecimal base = currency.zero();
        BigDecimal overage = currency.zero();
        for (RatedLine line : rating.lines()) {
            if (line.kind() == RatedLine.Kind.COMMIT_BASE) {
                base = line.amount();
                lines.add(new InvoiceLine(InvoiceLine.Kind.BASE, bucket.name() + ": commit of "
                        + commit.toPlainString() + " " + bucket.unitTypeName() + prorated(fraction), BigDecimal.ONE,
                        line.unitPrice(), line.amount(), bucket.bucketId(), null, null, null));
            } else if (line.kind() == RatedLine.Kind.OVERAGE) {
                overage = line.amount();
                lines.add(new InvoiceLine(InvoiceLine.Kind.OVERAGE, bucket.name() + ": " + line.quantity()
                        .toPlainString() + " " + bucket.unitTypeName() + " above the commit", line.quantity(),
                        line.unitPrice(), line.amount(), bucket.bucketId(), null, null, null));
            }
        }
        Costing cost = cost(currency, costCharges, bucket.usageByDimensions(), at);
        readings.add(new Reading(bucket.bucketId(), bucket.unitTypeId(), bucket.sourceType(), null, bucket.meter(),
                Map.of(), bucket.usage(), commit, rating.commit().overageUnits(), overage,
                rating.commit().bufferUnits(), rating.commit().bufferAmount(), base, base.add(overage), cost.amount,
                cost.uncosted));
    }

    private static void billPlan(RatingCurrency currency, PlanTerms plan, BigDecimal fraction,
            List<UsageQuantity> usage, List<Charge> costCharges, Instant at, List<Reading> readings,
            List<InvoiceLine> lines) {
        PlanRating rating = PlanRater.rate(currency, plan.charges(), usage, plan.planDiscounts(),
                fraction, at);
        Map<String, Charge> chargeByMeter = new HashMap<>();
        for (Charge charge : plan.charges()) {
            chargeByMeter.putIfAbsent(charge.meter(), charge);
        }
        // The usage rows behind each rated group, to cost exactly the usage each charge billed.
        Map<String, List<UsageQuantity>> rowsByGroup = new HashMap<>();
        for (UsageQuantity row : usage) {
            Charge charge = chargeByMeter.get(row.meter());
            if (charge != null) {
                charge.pricing().select(row.dimensions()).ifPresent(selection -> rowsByGroup
                        .computeIfAbsent(charge.key() + "#" + selection.ruleIndex(), k -> new ArrayList<>()).add(row));
            }
        }
        for (ChargeRating charge : rating.charges()) {
            Rating r = charge.rating();
            BigDecimal minimum = currency.zero();
            BigDecimal amount = currency.zero();
            StringBuilder tiers = new StringBuilder();
            for (RatedLine line : r.lines()) {
                if (line.kind() == RatedLine.Kind.MINIMUM_TRUE_UP) {
                    minimum = minimum.add(line.amount());
                } else {
                    amount = amount.add(line.amount());
                    tiers.append(tiers.length() == 0 ? ": " : "; ").append(line.description());
                    if (line.unitPrice() != null && line.quantity() != null) {
                        tiers.append(' ').append(line.quantity().toPlainString()).append(" × ")
                                .append(line.unitPrice().toPlainString());
                    }
                }
            }
            PriceSelection selection = charge.selection();
            Map<String, String> dims = selection.isDefault() ? Map.of() : selection.match();
            String name = (charge.description() != null ? charge.description() : charge.chargeKey())
                    + (dims.isEmpty() ? "" : " " + dims) + prorated(fraction);
            lines.add(new InvoiceLine(InvoiceLine.Kind.CHARGE, name + tiers, charge.quantity(), null, amount, null,
                    charge.chargeKey(), dims, null));
            if (minimum.signum() != 0) {
                lines.add(new InvoiceLine(InvoiceLine.Kind.MINIMUM, name + ": minimum", BigDecimal.ONE, null, minimum,
                        null, charge.chargeKey(), dims, null));
            }
            for (AppliedDiscount discount : r.discounts()) {
                lines.add(new InvoiceLine(InvoiceLine.Kind.DISCOUNT, name + ": " + discount.description(),
                        BigDecimal.ONE, null, discount.amount().negate(), null, charge.chargeKey(), dims, null));
            }
            Costing cost = cost(currency, costCharges,
                    rowsByGroup.getOrDefault(charge.chargeKey() + "#" + selection.ruleIndex(), List.of()), at);
            readings.add(new Reading(null, null, null, charge.chargeKey(), charge.meter(), dims, charge.quantity(),
                    null, null, null, null, null, null, r.total(), cost.amount, cost.uncosted));
        }
        for (AppliedDiscount discount : rating.discounts()) {
            lines.add(new InvoiceLine(InvoiceLine.Kind.DISCOUNT, plan.planName() + ": " + discount.description(),
                    BigDecimal.ONE, null, discount.amount().negate(), null, null, null, null));
        }
    }

    private record Costing(BigDecimal amount, BigDecimal uncosted) {
    }

    private static Costing cost(RatingCurrency currency, List<Charge> costCharges, List<UsageQuantity> usage,
            Instant at) {
        if (usage.isEmpty()) {
            return new Costing(currency.zero(), BigDecimal.ZERO);
        }
        // Fixed cost fees belong to no one client's usage: only the charges on these meters, with usage, count.
        Set<String> meters = new HashSet<>();
        usage.forEach(u -> meters.add(u.meter()));
        List<Charge> relevant = costCharges.stream().filter(c -> meters.contains(c.meter())).toList();
        PlanRating cost = PlanRater.rate(currency, relevant, usage, List.of(), BigDecimal.ONE, at);
        BigDecimal uncosted = BigDecimal.ZERO;
        for (UnpricedUsage u : cost.unpriced()) {
            uncosted = uncosted.add(u.quantity());
        }
        return new Costing(cost.total(), uncosted);
    }

    private static String prorated(BigDecimal fraction) {
        return fraction.compareTo(BigDecimal.ONE) == 0 ? ""
                : " (prorated " + fraction.movePointRight(2).setScale(2, java.math.RoundingMode.HALF_UP)
                        .stripTrailingZeros().toPlainString() + "%)";
    }
}
