package io.meterline.projection.projections;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.meterline.contracts.billing.BucketChanged;
import io.meterline.contracts.billing.ClientChanged;
import io.meterline.contracts.billing.SubscriptionChanged;
import io.meterline.contracts.catalog.DiscountChanged;
import io.meterline.contracts.catalog.PlanVersionPublished;
import io.meterline.contracts.catalog.PublishedCatalog;
import io.meterline.contracts.catalog.UnitTypeChanged;
import io.meterline.projection.ProjectionConfig;
import io.meterline.projection.forecast.ForecastModel;
import io.meterline.projection.forecast.HourlyUsage;
import io.meterline.projection.state.DimensionSets;
import io.meterline.projection.state.ReplicaKind;
import io.meterline.projection.state.Replicas;
import io.meterline.rating.periods.BillingPeriod;
import io.meterline.rating.periods.BillingPeriods;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reads what a chunk of clients' projections are computed from: their terms, the catalog, their usage in the open
 * period and their hourly history. Usage reads are hand-written SQL over the real-time tables (the recompute
 * benchmark's path).
 */
@ApplicationScoped
public class ProjectionInputs {

    /**
     * One client's inputs, ready for {@link ProjectionCalculator}: its fresh forecast models, and the history of each
     * series whose model is missing or stale (to fit now).
     */
    public record ClientInputs(ClientTerms terms, BillingPeriod period, List<UsageRow> soFar,
            Map<String, ForecastModel> models, Map<String, List<HourlyUsage>> toFit) {
    }

    /** Series whose history one query reads (~60,000 rows with 8 weeks of hours). */
    static final int HISTORY_SERIES_PER_READ = 50;

    @Inject
    Pool pool;

    @Inject
    Replicas replicas;

    @Inject
    ProjectionConfig config;

    public Uni<PublishedCatalog> catalog() {
        return replicas.all(ReplicaKind.PLAN_VERSION, PlanVersionPublished.class).chain(versions -> replicas
                .all(ReplicaKind.DISCOUNT, DiscountChanged.class).map(d -> new PublishedCatalog(versions, d)));
    }

    public Uni<Map<UUID, UnitTypeChanged>> unitTypes() {
        return replicas.all(ReplicaKind.UNIT_TYPE, UnitTypeChanged.class).map(list -> {
            Map<UUID, UnitTypeChanged> byId = new HashMap<>();
            list.forEach(u -> byId.put(u.id(), u));
            return byId;
        });
    }

    /** The clients with these customer ids that have an open period at {@code now}, with their inputs. */
    public Uni<List<ClientInputs>> load(List<String> customers, Map<UUID, UnitTypeChanged> unitTypes, Instant now) {
        return replicas.ofCustomers(customers).emitOn(io.smallrye.mutiny.infrastructure.Infrastructure
                .getDefaultWorkerPool()).chain(terms -> withUsage(terms.get(ReplicaKind.CLIENT, ClientChanged.class),
                        terms.get(ReplicaKind.BUCKET, BucketChanged.class),
                        terms.get(ReplicaKind.SUBSCRIPTION, SubscriptionChanged.class), unitTypes, now));
    }

    private Uni<List<ClientInputs>> withUsage(List<ClientChanged> clients, List<BucketChanged> buckets,
            List<SubscriptionChanged> subscriptions, Map<UUID, UnitTypeChanged> unitTypes, Instant now) {
        Map<UUID, List<BucketChanged>> bucketsOf = new HashMap<>();
        buckets.forEach(b -> bucketsOf.computeIfAbsent(b.client(), k -> new ArrayList<>()).add(b));
        Map<UUID, List<SubscriptionChanged>> subsOf = new HashMap<>();
        subscriptions.forEach(s -> subsOf.computeIfAbsent(s.client(), k -> new ArrayList<>()).add(s));
        Map<String, ClientTerms> terms = new HashMap<>();
        Map<String, BillingPeriod> periods = new HashMap<>();
        for (ClientChanged c : clients) {
            openPeriod(c, now).ifPresent(period -> {
                terms.put(c.externalId(), new ClientTerms(c, bucketsOf.getOrDefault(c.id(), List.of()),
                        subsOf.getOrDefault(c.id(), List.of()), unitTypes));
                periods.put(c.externalId(), period);
            });
        }
        if (terms.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String[] customers = periods.keySet().toArray(String[]::new);
        OffsetDateTime[] starts = new OffsetDateTime[customers.length];
        OffsetDateTime[] firstDays = new OffsetDateTime[customers.length];
        for (int i = 0; i < customers.length; i++) {
            Instant start = periods.get(customers[i]).start();
            Instant day = start.truncatedTo(ChronoUnit.DAYS);
            starts[i] = start.atOffset(ZoneOffset.UTC);
            firstDays[i] = (day.isBefore(start) ? day.plus(1, ChronoUnit.DAYS) : day).atOffset(ZoneOffset.UTC);
        }
        return soFar(customers, starts, firstDays).chain(rows -> models(customers).chain(models -> {
            Map<String, Map<String, ForecastModel>> fresh = new HashMap<>();
            List<String[]> stale = new ArrayList<>();
            terms.forEach((customer, t) -> {
                Map<String, ForecastModel> mine = new HashMap<>();
                for (String series : ProjectionCalculator.series(t, rows.getOrDefault(customer, List.of()))) {
                    ForecastModel model = models.getOrDefault(customer, Map.of()).get(series);
                    if (model != null && !stale(model, now, periods.get(customer),
                            ZoneId.of(t.client().timeZone()))) {
                        mine.put(series, model);
                    } else {
                        stale.add(new String[] { customer, series });
                    }
                }
                fresh.put(customer, mine);
            });
            return history(stale, now).map(history -> {
                List<ClientInputs> out = new ArrayList<>();
                terms.forEach((customer, t) -> out.add(new ClientInputs(t, periods.get(customer),
                        rows.getOrDefault(customer, List.of()), fresh.get(customer),
                        history.getOrDefault(customer, Map.of()))));
                return out;
            });
        }));
    }

    /**
     * A model is refitted every {@code refit} (hourly while its history is under a week: it grows fast), in a new
     * period (its interval was calibrated for the old one's remaining hours), and when the client's time zone moved.
     */
    boolean stale(ForecastModel model, Instant now, BillingPeriod period, ZoneId zone) {
        java.time.Duration every = model.historyHours() < 168 ? java.time.Duration.ofHours(1)
                : config.recompute().refit();
        return model.fittedAt().isBefore(now.minus(every)) || model.fittedAt().isBefore(period.start())
                || !model.zone().equals(zone);
    }

    /** The client's period containing {@code now}, in its time zone and billing cycle (as billing computes it). */
    public static Optional<BillingPeriod> openPeriod(ClientChanged client, Instant now) {
        if (!client.enabled()) {
            return Optional.empty();
        }
        return new BillingPeriods(ZoneId.of(client.timeZone()), client.cycle(), client.startsAt(), client.endsAt())
                .containing(now);
    }

    /**
     * The open period's usage per series: its whole UTC days from {@code usage_day} and the hours of its first,
     * partial day from {@code usage_hour}.
     */
    private Uni<Map<String, List<UsageRow>>> soFar(String[] customers, OffsetDateTime[] starts,
            OffsetDateTime[] firstDays) {
        return pool.preparedQuery("""
                WITH p AS (SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[])
                           AS p(customer, start, first_day))
                SELECT customer, meter, asset, dims, sum(value), sum(events), max(max_value) FROM (
                    SELECT u.customer, u.meter, u.asset, u.dims, u.value, u.events, u.max_value
                    FROM p JOIN usage_day u ON u.customer = p.customer
                     AND u.day >= (p.first_day AT TIME ZONE 'UTC')::date
                    UNION ALL
                    SELECT h.customer, h.meter, h.asset, h.dims, h.value, h.events, h.max_value
                    FROM p JOIN usage_hour h ON h.customer = p.customer AND h.hour >= p.start
                     AND h.hour < p.first_day) rows
                GROUP BY customer, meter, asset, dims
                """).execute(Tuple.of(customers, starts, firstDays)).map(rows -> {
            Map<String, List<UsageRow>> out = new HashMap<>();
            for (Row r : rows) {
                out.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(new UsageRow(r.getString(1),
                        r.getString(2), DimensionSets.parse(r.getString(3)), r.getBigDecimal(4), r.getLong(5),
                        r.getBigDecimal(6)));
            }
            return out;
        });
    }

    private Uni<Map<String, Map<String, ForecastModel>>> models(String[] customers) {
        return pool.preparedQuery("SELECT customer, series, model FROM forecast_model WHERE customer = ANY ($1)")
                .execute(Tuple.of((Object) customers)).map(rows -> {
                    Map<String, Map<String, ForecastModel>> out = new HashMap<>();
                    for (Row r : rows) {
                        out.computeIfAbsent(r.getString(0), k -> new HashMap<>()).put(r.getString(1),
                                ForecastModel.decode(r.getString(2)));
                    }
                    return out;
                });
    }

    /**
     * Hourly history of the series to fit: values under the meter, event counts under {@code meter#COUNT} (a COUNT
     * unit type's series).
     */
    private Uni<Map<String, Map<String, List<HourlyUsage>>>> history(List<String[]> series, Instant now) {
        if (series.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        // A few series per read: weeks of hours each, and every row becomes objects.
        if (series.size() > HISTORY_SERIES_PER_READ) {
            Map<String, Map<String, List<HourlyUsage>>> all = new HashMap<>();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (int i = 0; i < series.size(); i += HISTORY_SERIES_PER_READ) {
                List<String[]> part = series.subList(i, Math.min(series.size(), i + HISTORY_SERIES_PER_READ));
                chain = chain.chain(() -> history(part, now).invoke(read -> read.forEach((customer, bySeries) -> all
                        .computeIfAbsent(customer, k -> new HashMap<>()).putAll(bySeries))).replaceWithVoid());
            }
            return chain.map(ignored -> all);
        }
        String[] customers = series.stream().map(s -> s[0]).toArray(String[]::new);
        String[] meters = series.stream().map(s -> ProjectionCalculator.meterOf(s[1])).toArray(String[]::new);
        return pool.preparedQuery("""
                SELECT u.customer, u.meter, u.hour, u.value, u.events
                FROM (SELECT DISTINCT * FROM unnest($1::text[], $2::text[]) AS s(customer, meter)) s
                JOIN usage_meter_hour u ON u.customer = s.customer AND u.meter = s.meter
                WHERE u.hour >= $3 AND u.hour < $4
                """).execute(Tuple.of(customers, meters, now.minus(config.recompute().history())
                        .atOffset(ZoneOffset.UTC),
                        // Complete hours only: the hour under way is in the usage so far.
                        now.truncatedTo(ChronoUnit.HOURS).atOffset(ZoneOffset.UTC)))
                .emitOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool())
                .map(rows -> {
                    java.util.Set<String> wanted = new java.util.HashSet<>();
                    series.forEach(s -> wanted.add(s[0] + "\u0000" + s[1]));
                    Map<String, Map<String, List<HourlyUsage>>> out = new HashMap<>();
                    for (Row r : rows) {
                        String customer = r.getString(0);
                        Instant hour = r.getOffsetDateTime(2).toInstant();
                        String values = r.getString(1);
                        String counts = values + ProjectionCalculator.COUNT_SERIES;
                        if (wanted.contains(customer + "\u0000" + values)) {
                            out.computeIfAbsent(customer, k -> new HashMap<>()).computeIfAbsent(values,
                                    k -> new ArrayList<>()).add(new HourlyUsage(hour, r.getBigDecimal(3)));
                        }
                        if (wanted.contains(customer + "\u0000" + counts)) {
                            out.computeIfAbsent(customer, k -> new HashMap<>()).computeIfAbsent(counts,
                                    k -> new ArrayList<>()).add(new HourlyUsage(hour,
                                            BigDecimal.valueOf(r.getLong(4))));
                        }
                    }
                    // Every stale series is fitted, with no history when it has none.
                    for (String[] s : series) {
                        out.computeIfAbsent(s[0], k -> new HashMap<>()).putIfAbsent(s[1], List.of());
                    }
                    return out;
                });
    }
}
