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
import io.meterline.projection.forecast.Forecaster;
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
     * One client's inputs, ready for {@link ProjectionCalculator}: a forecast model for each series, and those of them
     * fitted in this read (missing or stale before; to store).
     */
    public record ClientInputs(ClientTerms terms, BillingPeriod period, List<UsageRow> soFar,
            Map<String, ForecastModel> models, Map<String, ForecastModel> fitted) {
    }

    /**
     * Series whose history one query reads and fits (~60,000 rows with 8 weeks of hours). The history is dropped once
     * fitted, so a cold recompute holds a few series' hours at a time, never a whole chunk's.
     */
    static final int HISTORY_SERIES_PER_READ = 50;

    @Inject
    Pool pool;

    @Inject
    Replicas replicas;

    @Inject
    ProjectionConfig config;

    /** What every client is rated with: the published plans and discounts, and the unit types by id. */
    public record Catalog(PublishedCatalog published, Map<UUID, UnitTypeChanged> unitTypes) {
    }

    /** The catalog, in one read. */
    public Uni<Catalog> catalog() {
        return replicas.ofKinds(ReplicaKind.PLAN_VERSION, ReplicaKind.DISCOUNT, ReplicaKind.UNIT_TYPE).map(all -> {
            Map<UUID, UnitTypeChanged> unitTypes = new HashMap<>();
            all.get(ReplicaKind.UNIT_TYPE, UnitTypeChanged.class).forEach(u -> unitTypes.put(u.id(), u));
            return new Catalog(new PublishedCatalog(all.get(ReplicaKind.PLAN_VERSION, PlanVersionPublished.class),
                    all.get(ReplicaKind.DISCOUNT, DiscountChanged.class)), unitTypes);
        });
    }

    /** The clients with these customer ids that have an open period at {@code now}, with their inputs. */
    public Uni<List<ClientInputs>> load(List<String> customers, Map<UUID, UnitTypeChanged> unitTypes, Instant now) {
        // Terms and models are read at once, on two connections: each is a round trip the chunk waits for.
        return Uni.combine().all().unis(replicas.ofCustomers(customers), models(customers.toArray(String[]::new)))
                .asTuple().emitOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool())
                .chain(read -> withUsage(read.getItem1().get(ReplicaKind.CLIENT, ClientChanged.class),
                        read.getItem1().get(ReplicaKind.BUCKET, BucketChanged.class),
                        read.getItem1().get(ReplicaKind.SUBSCRIPTION, SubscriptionChanged.class), read.getItem2(),
                        unitTypes, now));
    }

    private Uni<List<ClientInputs>> withUsage(List<ClientChanged> clients, List<BucketChanged> buckets,
            List<SubscriptionChanged> subscriptions, Map<String, Map<String, ForecastModel>> models,
            Map<UUID, UnitTypeChanged> unitTypes, Instant now) {
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
        return soFar(customers, starts, firstDays).chain(rows -> {
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
            return fitStale(stale, terms, periods, now).map(fitted -> {
                List<ClientInputs> out = new ArrayList<>();
                terms.forEach((customer, t) -> {
                    Map<String, ForecastModel> mine = fitted.getOrDefault(customer, Map.of());
                    fresh.get(customer).putAll(mine);
                    out.add(new ClientInputs(t, periods.get(customer), rows.getOrDefault(customer, List.of()),
                            fresh.get(customer), mine));
                });
                return out;
            });
        });
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
     * Fits the stale series from their hourly history, a few series per read: values under the meter, event counts
     * under {@code meter#COUNT} (a COUNT unit type's series). Fitting is CPU work: on worker threads, spread over the
     * cores.
     */
    private Uni<Map<String, Map<String, ForecastModel>>> fitStale(List<String[]> series,
            Map<String, ClientTerms> terms, Map<String, BillingPeriod> periods, Instant now) {
        Map<String, Map<String, ForecastModel>> all = new java.util.concurrent.ConcurrentHashMap<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int i = 0; i < series.size(); i += HISTORY_SERIES_PER_READ) {
            List<String[]> part = series.subList(i, Math.min(series.size(), i + HISTORY_SERIES_PER_READ));
            chain = chain.chain(() -> history(part, now).invoke(history -> part.parallelStream().forEach(s -> {
                ZoneId zone = ZoneId.of(terms.get(s[0]).client().timeZone());
                ForecastModel model = Forecaster.fit(history.getOrDefault(s[0] + "\u0000" + s[1], List.of()), zone,
                        now, periods.get(s[0]).end());
                all.computeIfAbsent(s[0], k -> new java.util.concurrent.ConcurrentHashMap<>()).put(s[1], model);
            })).replaceWithVoid());
        }
        return chain.map(ignored -> all);
    }

    /** Hourly history of a few series, keyed by customer NUL series; a series without history has none. */
    private Uni<Map<String, List<HourlyUsage>>> history(List<String[]> series, Instant now) {
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
                    Map<String, List<HourlyUsage>> out = new HashMap<>();
                    for (Row r : rows) {
                        String customer = r.getString(0);
                        Instant hour = r.getOffsetDateTime(2).toInstant();
                        String values = customer + "\u0000" + r.getString(1);
                        String counts = values + ProjectionCalculator.COUNT_SERIES;
                        if (wanted.contains(values)) {
                            out.computeIfAbsent(values, k -> new ArrayList<>())
                                    .add(new HourlyUsage(hour, r.getBigDecimal(3)));
                        }
                        if (wanted.contains(counts)) {
                            out.computeIfAbsent(counts, k -> new ArrayList<>())
                                    .add(new HourlyUsage(hour, BigDecimal.valueOf(r.getLong(4))));
                        }
                    }
                    return out;
                });
    }
}
