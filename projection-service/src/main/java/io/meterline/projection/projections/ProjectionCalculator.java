package io.meterline.projection.projections;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.meterline.contracts.billing.BucketChanged;
import io.meterline.contracts.billing.SubscriptionChanged;
import io.meterline.contracts.catalog.PublishedCatalog;
import io.meterline.contracts.catalog.RatablePlan;
import io.meterline.contracts.catalog.UnitTypeChanged;
import io.meterline.projection.forecast.Forecast;
import io.meterline.projection.forecast.ForecastModel;
import io.meterline.projection.forecast.Forecaster;
import io.meterline.rating.Charge;
import io.meterline.rating.RatingCurrency;
import io.meterline.rating.UsageQuantity;
import io.meterline.rating.invoicing.BucketTerms;
import io.meterline.rating.invoicing.InvoiceLine;
import io.meterline.rating.invoicing.PeriodBill;
import io.meterline.rating.invoicing.PeriodBiller;
import io.meterline.rating.invoicing.PeriodInputs;
import io.meterline.rating.invoicing.PlanTerms;
import io.meterline.rating.invoicing.Reading;
import io.meterline.rating.periods.BillingPeriod;

/**
 * Projects a client's open period. Each meter's period total is forecast from the client's own hourly history
 * ({@link Forecaster}: a model fitted from it, applied to the usage so far); every asset's and dimension set's usage of the meter is scaled by the same ratio, so the
 * period's mix stays as observed. The period is then billed four times by billing's own function
 * ({@link PeriodBiller}): on the usage so far, on the projection and on its low and high bounds, so a projected
 * cost is exactly what billing would invoice for that usage. Pure: no clock, no I/O.
 */
public final class ProjectionCalculator {

    private static final MathContext MC = MathContext.DECIMAL64;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    enum Scenario {
        CURRENT, PROJECTED
    }

    /** The suffix of a COUNT unit type's series: event counts, not values. */
    public static final String COUNT_SERIES = "#COUNT";

    private ProjectionCalculator() {
    }

    /** The meter a series is of. */
    public static String meterOf(String series) {
        return series.endsWith(COUNT_SERIES) ? series.substring(0, series.length() - COUNT_SERIES.length()) : series;
    }

    /**
     * The series a client's projection forecasts: each meter its buckets count or it used, as values, or as event
     * counts for a COUNT unit type; a MAX unit type's meter has none (its peak so far stands).
     */
    public static java.util.Set<String> series(ClientTerms terms, List<UsageRow> soFar) {
        Map<String, String> measure = new HashMap<>();
        for (BucketChanged b : terms.buckets()) {
            if (b.enabled()) {
                measure.put(b.meter(), aggregation(terms, b));
            }
        }
        soFar.forEach(r -> measure.putIfAbsent(r.meter(), "SUM"));
        java.util.Set<String> out = new java.util.TreeSet<>();
        measure.forEach((meter, aggregation) -> {
            if (!"MAX".equals(aggregation)) {
                out.add("COUNT".equals(aggregation) ? meter + COUNT_SERIES : meter);
            }
        });
        return out;
    }

    /**
     * @param soFar the client's usage in the period up to {@code now}, per meter, asset and dimension set
     * @param models each {@link #series} forecast model, fitted from the client's own history; a series with none
     *            is forecast as having no history
     */
    public static ClientProjection project(ClientTerms terms, PublishedCatalog catalog, BillingPeriod period,
            Instant now, List<UsageRow> soFar, Map<String, ForecastModel> models) {
        ZoneId zone = ZoneId.of(terms.client().timeZone());
        String currency = terms.client().currency();
        String externalId = terms.client().externalId();
        Instant at = period.end().minusNanos(1);
        List<BucketChanged> buckets = terms.buckets().stream().filter(b -> b.enabled()
                && period.fractionOf(b.startsAt(), b.endsAt()).signum() > 0).toList();

        // One forecast per meter and measure, shared by every line on the meter.
        Map<String, Forecast> forecasts = new HashMap<>();
        Map<String, String> measureOfMeter = new HashMap<>();
        for (BucketChanged b : buckets) {
            measureOfMeter.put(b.meter(), aggregation(terms, b));
        }
        Map<Scenario, List<UsageRow>> scenarios = new EnumMap<>(Scenario.class);
        for (Scenario s : Scenario.values()) {
            scenarios.put(s, new ArrayList<>());
        }
        Map<String, List<UsageRow>> byMeter = new LinkedHashMap<>();
        soFar.forEach(r -> byMeter.computeIfAbsent(r.meter(), k -> new ArrayList<>()).add(r));
        Set<String> meters = new HashSet<>(byMeter.keySet());
        meters.addAll(measureOfMeter.keySet());
        for (String meter : meters) {
            List<UsageRow> rows = byMeter.getOrDefault(meter, List.of());
            String measure = measureOfMeter.getOrDefault(meter, "SUM");
            scenarios.get(Scenario.CURRENT).addAll(rows);
            if ("MAX".equals(measure)) {
                // A peak is not forecast: the period's largest value so far is where it stands.
                scenarios.get(Scenario.PROJECTED).addAll(rows);
                forecasts.put(meter, null);
                continue;
            }
            boolean counts = "COUNT".equals(measure);
            BigDecimal total = BigDecimal.ZERO;
            for (UsageRow r : rows) {
                total = total.add(counts ? BigDecimal.valueOf(r.events()) : r.value());
            }
            ForecastModel model = models.get(counts ? meter + COUNT_SERIES : meter);
            Forecast f = Forecaster.apply(model != null ? model : Forecaster.fit(List.of(), zone, now, period.end()),
                    period.start(), period.end(), now, total);
            forecasts.put(meter, f);
            List<UsageRow> base = rows.isEmpty() || total.signum() == 0
                    // Nothing so far this period: the projection has no mix to follow and lands on the meter alone.
                    ? List.of(new UsageRow(meter, "", Map.of(), BigDecimal.ZERO, 0, BigDecimal.ZERO))
                    : rows;
            scenarios.get(Scenario.PROJECTED).addAll(scaled(base, total, f.projected(), counts));
        }

        List<PlanTerms> plans = plans(terms, catalog, period, at);
        List<Charge> costCharges = catalog.costChargesAt(currency, externalId, at);
        Map<Scenario, PeriodBill> bills = new EnumMap<>(Scenario.class);
        for (Scenario s : Scenario.values()) {
            bills.put(s, PeriodBiller.bill(new PeriodInputs(RatingCurrency.of(currency), period,
                    bucketTerms(terms, buckets, scenarios.get(s)), plans, costCharges, clientUsage(scenarios.get(s)),
                    List.of(), BigDecimal.ZERO)));
        }
        List<ProjectionLine> lines = lines(bills, forecasts);
        return new ClientProjection(terms.client().id(), externalId, currency, period, lines,
                revenue(bills.get(Scenario.CURRENT)), bills.get(Scenario.CURRENT).cost(),
                revenue(bills.get(Scenario.PROJECTED)), bills.get(Scenario.PROJECTED).cost(), now);
    }

    private static List<UsageRow> scaled(List<UsageRow> rows, BigDecimal total, BigDecimal target, boolean counts) {
        if (total.signum() == 0) {
            UsageRow only = rows.get(0);
            return List.of(counts
                    ? new UsageRow(only.meter(), only.asset(), only.dimensions(), BigDecimal.ZERO,
                            target.setScale(0, RoundingMode.HALF_UP).longValueExact(), BigDecimal.ZERO)
                    : new UsageRow(only.meter(), only.asset(), only.dimensions(), target, 0, target));
        }
        BigDecimal ratio = target.divide(total, MC);
        List<UsageRow> out = new ArrayList<>(rows.size());
        for (UsageRow r : rows) {
            if (counts) {
                long events = new BigDecimal(r.events()).multiply(ratio).setScale(0, RoundingMode.HALF_UP)
                        .longValueExact();
                out.add(new UsageRow(r.meter(), r.asset(), r.dimensions(), r.value().multiply(ratio, MC), events,
                        r.max()));
            } else {
                BigDecimal value = ratio.compareTo(BigDecimal.ONE) == 0 ? r.value() : r.value().multiply(ratio, MC);
                out.add(new UsageRow(r.meter(), r.asset(), r.dimensions(), value, r.events(), r.max()));
            }
        }
        return out;
    }

    private static String aggregation(ClientTerms terms, BucketChanged b) {
        UnitTypeChanged unitType = terms.unitTypes().get(b.unitType());
        return unitType == null ? "SUM" : unitType.aggregation();
    }

    /** A bucket counts its bound assets' usage, or, with none bound, the meter's usage no bound asset reports. */
    private static List<BucketTerms> bucketTerms(ClientTerms terms, List<BucketChanged> buckets, List<UsageRow> rows) {
        Map<String, Set<String>> boundByMeter = new HashMap<>();
        for (BucketChanged b : buckets) {
            if (b.assets() != null) {
                boundByMeter.computeIfAbsent(b.meter(), k -> new HashSet<>()).addAll(b.assets());
            }
        }
        List<BucketTerms> out = new ArrayList<>();
        for (BucketChanged b : buckets) {
            boolean bound = b.assets() != null && !b.assets().isEmpty();
            Set<String> others = boundByMeter.getOrDefault(b.meter(), Set.of());
            String aggregation = aggregation(terms, b);
            BigDecimal usage = BigDecimal.ZERO;
            Map<Map<String, String>, BigDecimal> byDims = new LinkedHashMap<>();
            for (UsageRow r : rows) {
                if (r.meter().equals(b.meter()) && (bound ? b.assets().contains(r.asset()) : !others.contains(r.asset()))) {
                    BigDecimal v = r.measure(aggregation);
                    usage = "MAX".equals(aggregation) ? usage.max(v) : usage.add(v);
                    byDims.merge(r.dimensions(), r.value(), BigDecimal::add);
                }
            }
            UnitTypeChanged unitType = terms.unitTypes().get(b.unitType());
            List<UsageQuantity> dims = byDims.entrySet().stream()
                    .map(e -> new UsageQuantity(b.meter(), e.getKey(), e.getValue())).toList();
            out.add(new BucketTerms(b.id(), b.name(), b.unitType(), unitType == null ? "units" : unitType.name(),
                    b.sourceType(), b.meter(), b.commitUnits(), b.basePrice(), b.overageRate(), b.startsAt(),
                    b.endsAt(), usage, dims));
        }
        return out;
    }

    private static List<PlanTerms> plans(ClientTerms terms, PublishedCatalog catalog, BillingPeriod period,
            Instant at) {
        List<PlanTerms> plans = new ArrayList<>();
        for (SubscriptionChanged s : terms.subscriptions()) {
            if (period.fractionOf(s.startsAt(), s.endsAt()).signum() == 0) {
                continue;
            }
            catalog.priceVersionAt(s.pricePlan(), at).ifPresent(version -> {
                RatablePlan ratable = catalog.ratable(version, terms.client().externalId());
                plans.add(new PlanTerms(s.id(), version.planId(), version.version(), version.name(),
                        ratable.charges(), ratable.planDiscounts(), s.startsAt(), s.endsAt(),
                        s.billMetersWithBuckets()));
            });
        }
        return plans;
    }

    private static List<UsageQuantity> clientUsage(List<UsageRow> rows) {
        Map<List<Object>, BigDecimal> sums = new LinkedHashMap<>();
        for (UsageRow r : rows) {
            sums.merge(List.of(r.meter(), r.dimensions()), r.value(), BigDecimal::add);
        }
        List<UsageQuantity> out = new ArrayList<>();
        sums.forEach((key, value) -> {
            @SuppressWarnings("unchecked")
            Map<String, String> dims = (Map<String, String>) key.get(1);
            out.add(new UsageQuantity((String) key.get(0), dims, value));
        });
        return out;
    }

    /** What a period invoices after discounts: every line but late-usage adjustments and carried credits. */
    private static BigDecimal revenue(PeriodBill bill) {
        BigDecimal sum = BigDecimal.ZERO;
        for (InvoiceLine line : bill.lines()) {
            if (line.kind() != InvoiceLine.Kind.ADJUSTMENT && line.kind() != InvoiceLine.Kind.CREDIT) {
                sum = sum.add(line.amount());
            }
        }
        return sum;
    }

    /**
     * A line's bounds are its projected usage scaled by its meter's bounds: every usage row of a meter is scaled by
     * one ratio, so any line (a bucket's rows or a charge's group) moves in proportion. The bounds need no bill.
     */
    private static List<ProjectionLine> lines(Map<Scenario, PeriodBill> bills, Map<String, Forecast> forecasts) {
        Map<Scenario, Map<String, Reading>> byKey = new EnumMap<>(Scenario.class);
        bills.forEach((s, bill) -> {
            Map<String, Reading> keyed = new LinkedHashMap<>();
            bill.readings().forEach(r -> keyed.put(key(r), r));
            byKey.put(s, keyed);
        });
        Set<String> keys = new java.util.LinkedHashSet<>(byKey.get(Scenario.PROJECTED).keySet());
        keys.addAll(byKey.get(Scenario.CURRENT).keySet());
        List<ProjectionLine> lines = new ArrayList<>();
        for (String key : keys) {
            Reading projected = byKey.get(Scenario.PROJECTED).get(key);
            Reading current = byKey.get(Scenario.CURRENT).get(key);
            Reading any = projected != null ? projected : current;
            BigDecimal currentUsage = current == null ? BigDecimal.ZERO : current.usage();
            BigDecimal projectedUsage = projected == null ? currentUsage : projected.usage();
            BigDecimal commit = any.commitUnits();
            BigDecimal percent = commit == null || commit.signum() == 0 ? null
                    : projectedUsage.multiply(HUNDRED).divide(commit, 2, RoundingMode.HALF_UP);
            Forecast f = forecasts.get(any.meter());
            lines.add(new ProjectionLine(any.bucketId(), any.chargeKey(), any.meter(), any.dimensions(),
                    any.unitTypeId(), any.sourceType(), currentUsage, projectedUsage,
                    bound(f, f == null ? null : f.low(), projectedUsage).min(projectedUsage),
                    bound(f, f == null ? null : f.high(), projectedUsage).max(projectedUsage), commit, percent,
                    current == null ? BigDecimal.ZERO : current.billedAmount(),
                    current == null ? BigDecimal.ZERO : current.cost(),
                    projected == null ? BigDecimal.ZERO : projected.billedAmount(),
                    projected == null ? BigDecimal.ZERO : projected.cost(),
                    projected == null ? null : projected.overageAmount(),
                    projected == null ? null : projected.bufferAmount(),
                    Optional.ofNullable(f).map(Forecast::method).orElse("PEAK_SO_FAR")));
        }
        return lines;
    }

    /** The line's projected usage × the meter's bound ÷ its projection (the line's share of the meter's). */
    private static BigDecimal bound(Forecast f, BigDecimal meterBound, BigDecimal projectedUsage) {
        if (f == null || f.projected().signum() == 0 || f.projected().compareTo(meterBound) == 0) {
            return projectedUsage;
        }
        return projectedUsage.multiply(meterBound).divide(f.projected(), MC);
    }

    private static String key(Reading r) {
        return ProjectionLine.key(r.bucketId(), r.chargeKey(), r.dimensions());
    }
}
