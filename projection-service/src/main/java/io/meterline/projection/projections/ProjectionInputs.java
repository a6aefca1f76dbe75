package io.meterline.projection.projections;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
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

    /** One client's inputs, ready for {@link ProjectionCalculator}. */
    public record ClientInputs(ClientTerms terms, BillingPeriod period, List<UsageRow> soFar,
            Map<String, List<HourlyUsage>> history) {
    }

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
        return replicas.ofCustomers(ReplicaKind.CLIENT, ClientChanged.class, customers)
                .chain(clients -> replicas.ofCustomers(ReplicaKind.BUCKET, BucketChanged.class, customers)
                        .chain(buckets -> replicas.ofCustomers(ReplicaKind.SUBSCRIPTION, SubscriptionChanged.class,
                                customers).chain(subs -> withUsage(clients, buckets, subs, unitTypes, now))));
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
        for (int i = 0; i < customers.length; i++) {
            starts[i] = periods.get(customers[i]).start().atOffset(ZoneOffset.UTC);
        }
        OffsetDateTime end = now.atOffset(ZoneOffset.UTC);
        return soFar(customers, starts, end).chain(rows -> history(customers, now).map(history -> {
            List<ClientInputs> out = new ArrayList<>();
            terms.forEach((customer, t) -> out.add(new ClientInputs(t, periods.get(customer),
                    rows.getOrDefault(customer, List.of()), history.getOrDefault(customer, Map.of()))));
            return out;
        }));
    }

    /** The client's period containing {@code now}, in its time zone and billing cycle (as billing computes it). */
    public static Optional<BillingPeriod> openPeriod(ClientChanged client, Instant now) {
        if (!client.enabled()) {
            return Optional.empty();
        }
        return new BillingPeriods(ZoneId.of(client.timeZone()), client.cycle(), client.startsAt(), client.endsAt())
                .containing(now);
    }

    private Uni<Map<String, List<UsageRow>>> soFar(String[] customers, OffsetDateTime[] starts, OffsetDateTime end) {
        return pool.preparedQuery("""
                SELECT u.customer, u.meter, u.asset, u.dims, sum(u.value), sum(u.events), max(u.max_value)
                FROM unnest($1::text[], $2::timestamptz[]) AS p(customer, start)
                JOIN usage_hour u ON u.customer = p.customer AND u.hour >= p.start AND u.hour < $3
                GROUP BY u.customer, u.meter, u.asset, u.dims
                """).execute(Tuple.of(customers, starts, end)).map(rows -> {
            Map<String, List<UsageRow>> out = new HashMap<>();
            for (Row r : rows) {
                out.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(new UsageRow(r.getString(1),
                        r.getString(2), DimensionSets.parse(r.getString(3)), r.getBigDecimal(4), r.getLong(5),
                        r.getBigDecimal(6)));
            }
            return out;
        });
    }

    /** Hourly history per customer and meter: values under the meter, event counts under meter#COUNT. */
    private Uni<Map<String, Map<String, List<HourlyUsage>>>> history(String[] customers, Instant now) {
        return pool.preparedQuery("SELECT customer, meter, hour, value, events FROM usage_meter_hour "
                + "WHERE customer = ANY ($1) AND hour >= $2 AND hour < $3")
                .execute(Tuple.of(customers, now.minus(config.recompute().history()).atOffset(ZoneOffset.UTC),
                        // Complete hours only: the hour under way is in the usage so far.
                        now.truncatedTo(java.time.temporal.ChronoUnit.HOURS).atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    Map<String, Map<String, List<HourlyUsage>>> out = new HashMap<>();
                    for (Row r : rows) {
                        Map<String, List<HourlyUsage>> meters = out.computeIfAbsent(r.getString(0),
                                k -> new HashMap<>());
                        Instant hour = r.getOffsetDateTime(2).toInstant();
                        meters.computeIfAbsent(r.getString(1), k -> new ArrayList<>())
                                .add(new HourlyUsage(hour, r.getBigDecimal(3)));
                        meters.computeIfAbsent(r.getString(1) + "#COUNT", k -> new ArrayList<>())
                                .add(new HourlyUsage(hour, BigDecimal.valueOf(r.getLong(4))));
                    }
                    return out;
                });
    }
}
