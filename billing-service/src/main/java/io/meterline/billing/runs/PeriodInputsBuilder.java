package io.meterline.billing.runs;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.meterline.billing.buckets.Bucket;
import io.meterline.billing.catalog.UnitType;
import io.meterline.billing.clients.Client;
import io.meterline.billing.readings.BillingReading;
import io.meterline.billing.readings.StoredDimensions;
import io.meterline.billing.subscriptions.Subscription;
import io.meterline.billing.usage.Aggregations;
import io.meterline.billing.usage.UsageTotal;
import io.meterline.contracts.catalog.PlanVersionPublished;
import io.meterline.contracts.catalog.PublishedCatalog;
import io.meterline.contracts.catalog.RatablePlan;
import io.meterline.rating.Charge;
import io.meterline.rating.RatingCurrency;
import io.meterline.rating.UsageQuantity;
import io.meterline.rating.invoicing.BucketTerms;
import io.meterline.rating.invoicing.InvoiceLine;
import io.meterline.rating.invoicing.PeriodInputs;
import io.meterline.rating.invoicing.PlanTerms;
import io.meterline.rating.periods.BillingPeriod;

/** Turns what a run read (the chunk, the catalog, metering's totals) into one period's {@link PeriodInputs}. */
final class PeriodInputsBuilder {

    private final ClientChunk chunk;
    private final PublishedCatalog catalog;

    PeriodInputsBuilder(ClientChunk chunk, PublishedCatalog catalog) {
        this.chunk = chunk;
        this.catalog = catalog;
    }

    /** The meters the period's usage is read for: its buckets' and its plans' charges'. */
    Set<String> meters(Client client, BillingPeriod period) {
        Set<String> meters = new TreeSet<>();
        chunk.bucketsIn(client.id, period).forEach(b -> meters.add(b.meter));
        for (Subscription subscription : chunk.subscriptionsIn(client.id, period)) {
            catalog.priceVersionAt(subscription.pricePlanId, lastInstant(period)).ifPresent(version -> catalog
                    .ratable(version, client.externalId).charges().forEach(c -> meters.add(c.meter())));
        }
        return meters;
    }

    /** Meters of the period's buckets whose aggregation must be read over every dimension set at once. */
    Set<String> wholeMeters(Client client, BillingPeriod period) {
        Set<String> meters = new TreeSet<>();
        for (Bucket bucket : chunk.bucketsIn(client.id, period)) {
            if (!Aggregations.summable(aggregation(bucket))) {
                meters.add(bucket.meter);
            }
        }
        return meters;
    }

    /**
     * @param rows the client's totals for the period per dimension set and asset group
     * @param wholeRows the same over every dimension set, for {@link #wholeMeters}
     */
    PeriodInputs inputs(Client client, BillingPeriod period, List<UsageTotal> rows, List<UsageTotal> wholeRows,
            List<InvoiceLine> adjustments, BigDecimal credit) {
        Instant at = lastInstant(period);
        List<BucketTerms> buckets = new ArrayList<>();
        for (Bucket bucket : chunk.bucketsIn(client.id, period)) {
            String group = chunk.assets.containsKey(bucket.id) ? bucket.id.toString() : null;
            String aggregation = aggregation(bucket);
            List<UsageTotal> mine = rows.stream().filter(r -> r.meter().equals(bucket.meter)
                    && java.util.Objects.equals(r.assetGroup(), group)).toList();
            BigDecimal usage;
            if (Aggregations.summable(aggregation)) {
                usage = Aggregations.combine(aggregation, mine.stream().map(UsageTotal::value).toList());
            } else {
                usage = Aggregations.combine(aggregation, wholeRows.stream().filter(r -> r.meter().equals(bucket.meter)
                        && java.util.Objects.equals(r.assetGroup(), group)).map(UsageTotal::value).toList());
            }
            UnitType unitType = chunk.unitTypes.get(bucket.unitTypeId);
            buckets.add(new BucketTerms(bucket.id, bucket.name, bucket.unitTypeId, unitType.name, bucket.sourceType,
                    bucket.meter, bucket.commitUnits, bucket.basePrice, bucket.overageRate, bucket.startsAt,
                    bucket.endsAt, usage, mine.stream().map(r -> new UsageQuantity(r.meter(), r.dimensions(),
                            r.value())).toList()));
        }
        List<PlanTerms> plans = new ArrayList<>();
        for (Subscription subscription : chunk.subscriptionsIn(client.id, period)) {
            PlanVersionPublished version = catalog.priceVersionAt(subscription.pricePlanId, at)
                    .orElseThrow(() -> new ClientBillingException("price plan " + subscription.pricePlanId
                            + " has no version in effect at " + at + " (subscription " + subscription.id + ")"));
            RatablePlan ratable = catalog.ratable(version, client.externalId);
            plans.add(new PlanTerms(subscription.id, version.planId(), version.version(), version.name(),
                    ratable.charges(), ratable.planDiscounts(), subscription.startsAt, subscription.endsAt,
                    subscription.billMetersWithBuckets));
        }
        List<Charge> costCharges = catalog.costChargesAt(client.currency, client.externalId, at);
        return new PeriodInputs(RatingCurrency.of(client.currency), period, buckets, plans, costCharges,
                clientUsage(rows), adjustments, credit);
    }

    /**
     * The inputs that re-rate a finalized period for late usage: today's usage, except that meters whose policy is
     * REJECT keep the usage their readings billed, so their late usage is never billed.
     */
    PeriodInputs rerateInputs(Client client, BillingPeriod period, List<UsageTotal> rows, List<UsageTotal> wholeRows,
            Set<String> rejectMeters, List<BillingReading> billed) {
        PeriodInputs now = inputs(client, period, rows, wholeRows, List.of(), BigDecimal.ZERO);
        if (rejectMeters.isEmpty()) {
            return now;
        }
        Map<java.util.UUID, BigDecimal> billedByBucket = new java.util.HashMap<>();
        List<UsageQuantity> billedCharges = new ArrayList<>();
        for (BillingReading reading : billed) {
            if (reading.bucketId != null) {
                billedByBucket.put(reading.bucketId, reading.usage);
            } else if (rejectMeters.contains(reading.meter)) {
                billedCharges.add(new UsageQuantity(reading.meter, StoredDimensions.read(reading.dimensions), reading.usage));
            }
        }
        List<BucketTerms> buckets = now.buckets().stream().map(b -> !rejectMeters.contains(b.meter()) ? b
                : new BucketTerms(b.bucketId(), b.name(), b.unitTypeId(), b.unitTypeName(), b.sourceType(), b.meter(),
                        b.commitUnits(), b.basePrice(), b.overageRate(), b.startsAt(), b.endsAt(),
                        billedByBucket.getOrDefault(b.bucketId(), BigDecimal.ZERO), b.usageByDimensions()))
                .toList();
        List<UsageQuantity> usage = new ArrayList<>(now.clientUsage().stream()
                .filter(u -> !rejectMeters.contains(u.meter())).toList());
        usage.addAll(billedCharges);
        return new PeriodInputs(now.currency(), period, buckets, now.plans(), now.costCharges(), usage, List.of(),
                BigDecimal.ZERO);
    }


    /** The client's usage per meter and dimension set, across asset groups, for plan charges. */
    private static List<UsageQuantity> clientUsage(List<UsageTotal> rows) {
        Map<String, List<UsageTotal>> byKey = new LinkedHashMap<>();
        for (UsageTotal row : rows) {
            byKey.computeIfAbsent(row.meter() + "\u0000" + new java.util.TreeMap<>(row.dimensions()), k ->
                    new ArrayList<>()).add(row);
        }
        List<UsageQuantity> usage = new ArrayList<>();
        for (List<UsageTotal> group : byKey.values()) {
            usage.add(new UsageQuantity(group.get(0).meter(), group.get(0).dimensions(),
                    group.stream().map(UsageTotal::value).reduce(BigDecimal.ZERO, BigDecimal::add)));
        }
        return usage;
    }

    private String aggregation(Bucket bucket) {
        UnitType unitType = chunk.unitTypes.get(bucket.unitTypeId);
        return unitType == null ? null : unitType.aggregation;
    }

    static Instant lastInstant(BillingPeriod period) {
        return period.end().minusNanos(1);
    }
}
