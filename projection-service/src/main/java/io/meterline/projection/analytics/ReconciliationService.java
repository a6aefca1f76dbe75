package io.meterline.projection.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import io.meterline.contracts.catalog.UnitTypeChanged;
import io.meterline.projection.state.ReplicaKind;
import io.meterline.projection.state.Replicas;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reconciles closed periods three ways: metering's totals (its API), the real-time totals here, and the usage
 * billing billed (its readings: a meter's bucket readings, or its plan-charge readings when no bucket counts it).
 * Meters are compared with their unit type's aggregation (SUM, COUNT or MAX; SUM when no unit type names the
 * meter). Computed hourly for the periods invoiced in the last 45 days (the Prometheus gauge
 * {@code meterline_projection_reconciliation_score}) and on demand for a range.
 */
@ApplicationScoped
public class ReconciliationService {

    private static final Logger LOG = Logger.getLogger(ReconciliationService.class);
    private static final int MAX_LISTED = 500;
    /** Client periods one request may reconcile: each is a metering read. */
    static final int MAX_PERIODS = 5_000;

    @Inject
    Pool pool;

    @Inject
    Replicas replicas;

    @Inject
    @RestClient
    MeteringTotals metering;

    @Inject
    MeterRegistry registry;

    @Inject
    Clock clock;

    private final AtomicReference<Reconciliation> latest = new AtomicReference<>();

    private record Period(UUID client, String externalId, Instant start, Instant end) {
    }

    private record Key(UUID client, Instant start, String meter) {
    }

    void gauge(@jakarta.enterprise.event.Observes StartupEvent event) {
        Gauge.builder("meterline.projection.reconciliation.score", latest,
                r -> r.get() == null ? Double.NaN : Double.parseDouble(r.get().score()))
                .description("Share of closed client-period-meter totals on which metering, projection and billing "
                        + "agree exactly (the last hourly reconciliation)").register(registry);
    }

    @Scheduled(every = "1h", delayed = "2m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> hourly() {
        Instant now = clock.instant();
        return reconcile(new AnalyticsRange(now.minus(java.time.Duration.ofDays(45)), now), true)
                .invoke(latest::set).onFailure().invoke(e -> LOG.warnf(e, "Reconciliation failed")).replaceWithVoid()
                .onFailure().recoverWithNull();
    }

    public Reconciliation latest() {
        return latest.get();
    }

    /**
     * @param byIssue periods whose invoice was issued in the range (the hourly run), else periods that start in it
     */
    public Uni<Reconciliation> reconcile(AnalyticsRange range, boolean byIssue) {
        String column = byIssue ? "issued_at" : "period_start";
        return pool.preparedQuery("SELECT client_id, external_id, period_start, period_end FROM closed_invoice "
                + "WHERE voided_at IS NULL AND " + column + " >= $1 AND " + column + " < $2 ORDER BY period_start "
                + "LIMIT " + (MAX_PERIODS + 1)).execute(Tuple.of(utc(range.from()), utc(range.to())))
                .chain(rows -> {
                    List<Period> periods = new ArrayList<>();
                    for (Row r : rows) {
                        periods.add(new Period(r.getUUID(0), r.getString(1), r.getOffsetDateTime(2).toInstant(),
                                r.getOffsetDateTime(3).toInstant()));
                    }
                    if (periods.size() > MAX_PERIODS) {
                        throw io.meterline.platform.problem.ProblemException.invalidField("to", "the range holds "
                                + "more than " + MAX_PERIODS + " closed client periods: reconcile a shorter one");
                    }
                    return compare(periods);
                });
    }

    private Uni<Reconciliation> compare(List<Period> periods) {
        return replicas.all(ReplicaKind.UNIT_TYPE, UnitTypeChanged.class).chain(unitTypes -> {
            Map<String, String> aggregation = new HashMap<>();
            unitTypes.stream().filter(u -> !u.deleted()).forEach(u -> aggregation.put(u.meter(), u.aggregation()));
            Tuple args = periodArgs(periods);
            return billed(args).chain(billed -> realTime(args, aggregation).chain(realTime -> metered(periods,
                    aggregation).map(metered -> score(periods, billed, realTime, metered))));
        });
    }

    private Reconciliation score(List<Period> periods, Map<Key, BigDecimal> billed, Map<Key, BigDecimal> realTime,
            Map<Key, BigDecimal> metered) {
        java.util.Set<Key> keys = new java.util.LinkedHashSet<>();
        keys.addAll(billed.keySet());
        keys.addAll(realTime.keySet());
        keys.addAll(metered.keySet());
        Map<UUID, String> externalIds = new HashMap<>();
        Map<List<Object>, Instant> ends = new HashMap<>();
        for (Period p : periods) {
            externalIds.put(p.client(), p.externalId());
            ends.put(List.of(p.client(), p.start()), p.end());
        }
        int agreeing = 0;
        List<Reconciliation.Disagreement> listed = new ArrayList<>();
        for (Key k : keys) {
            BigDecimal m = metered.getOrDefault(k, BigDecimal.ZERO);
            BigDecimal r = realTime.getOrDefault(k, BigDecimal.ZERO);
            BigDecimal b = billed.getOrDefault(k, BigDecimal.ZERO);
            if (m.compareTo(r) == 0 && r.compareTo(b) == 0) {
                agreeing++;
            } else if (listed.size() < MAX_LISTED) {
                listed.add(new Reconciliation.Disagreement(k.client(), externalIds.get(k.client()), k.meter(),
                        k.start(), ends.get(List.of(k.client(), k.start())), m, r, b));
            }
        }
        String score = keys.isEmpty() ? "1" : BigDecimal.valueOf(agreeing)
                .divide(BigDecimal.valueOf(keys.size()), 4, RoundingMode.HALF_UP).toPlainString();
        return new Reconciliation(periods.size(), keys.size(), agreeing, score, clock.instant(), listed);
    }

    /** Billed usage per meter: the bucket readings' when a bucket counts the meter, else the charge readings'. */
    private Uni<Map<Key, BigDecimal>> billed(Tuple args) {
        return pool.preparedQuery("""
                SELECT ci.client_id, ci.period_start, r.meter,
                       coalesce(sum(r.usage) FILTER (WHERE r.bucket_id IS NOT NULL), sum(r.usage))
                FROM closed_invoice ci JOIN closed_reading r ON r.invoice_id = ci.id
                JOIN unnest($1::uuid[], $2::timestamptz[]) AS p(client_id, period_start)
                  ON p.client_id = ci.client_id AND p.period_start = ci.period_start
                WHERE ci.voided_at IS NULL
                GROUP BY ci.client_id, ci.period_start, r.meter
                """).execute(Tuple.of(args.getValue(0), args.getValue(1))).map(rows -> {
            Map<Key, BigDecimal> out = new LinkedHashMap<>();
            for (Row r : rows) {
                out.put(new Key(r.getUUID(0), r.getOffsetDateTime(1).toInstant(), r.getString(2)), r.getBigDecimal(3));
            }
            return out;
        });
    }

    /** Real-time totals over each period's hours, per meter, with the meter's aggregation. */
    private Uni<Map<Key, BigDecimal>> realTime(Tuple args, Map<String, String> aggregation) {
        return pool.preparedQuery("""
                SELECT p.client_id, p.period_start, u.meter, sum(u.value), sum(u.events), max(u.max_value)
                FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[], $4::text[])
                    AS p(client_id, period_start, period_end, customer)
                JOIN usage_meter_hour u ON u.customer = p.customer AND u.hour >= p.period_start
                 AND u.hour < p.period_end
                GROUP BY p.client_id, p.period_start, u.meter
                """).execute(args).map(rows -> {
            Map<Key, BigDecimal> out = new LinkedHashMap<>();
            for (Row r : rows) {
                String meter = r.getString(2);
                BigDecimal value = switch (aggregation.getOrDefault(meter, "SUM")) {
                    case "COUNT" -> BigDecimal.valueOf(r.getLong(4));
                    case "MAX" -> r.getBigDecimal(5);
                    default -> r.getBigDecimal(3);
                };
                out.put(new Key(r.getUUID(0), r.getOffsetDateTime(1).toInstant(), meter), value);
            }
            return out;
        });
    }

    /** metering's totals: one read per distinct period window, for all its clients at once. */
    private Uni<Map<Key, BigDecimal>> metered(List<Period> periods, Map<String, String> aggregation) {
        Map<List<Instant>, List<Period>> byWindow = new LinkedHashMap<>();
        periods.forEach(p -> byWindow.computeIfAbsent(List.of(p.start(), p.end()), k -> new ArrayList<>()).add(p));
        Map<Key, BigDecimal> out = new LinkedHashMap<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<List<Instant>, List<Period>> window : byWindow.entrySet()) {
            Map<String, UUID> clientOf = new HashMap<>();
            window.getValue().forEach(p -> clientOf.put(p.externalId(), p.client()));
            MeteringTotals.Request request = new MeteringTotals.Request(window.getKey().get(0),
                    window.getKey().get(1), new ArrayList<>(new TreeSet<>(clientOf.keySet())), false);
            chain = chain.chain(() -> page(request, 0, rows -> {
                for (MeteringTotals.Row row : rows) {
                    UUID client = clientOf.get(row.customer());
                    if (client == null || row.value() == null) {
                        continue;
                    }
                    Key key = new Key(client, window.getKey().get(0), row.meter());
                    BigDecimal previous = out.get(key);
                    boolean max = "MAX".equals(aggregation.getOrDefault(row.meter(), "SUM"));
                    out.put(key, previous == null ? row.value()
                            : max ? previous.max(row.value()) : previous.add(row.value()));
                }
            }));
        }
        return chain.map(ignored -> out);
    }

    private Uni<Void> page(MeteringTotals.Request request, int page,
            java.util.function.Consumer<List<MeteringTotals.Row>> sink) {
        return metering.totals(request, page, MeteringTotals.MAX_PAGE).chain(result -> {
            sink.accept(result.items() == null ? List.of() : result.items());
            boolean more = (long) (page + 1) * MeteringTotals.MAX_PAGE < result.total();
            return more ? page(request, page + 1, sink) : Uni.createFrom().voidItem();
        });
    }

    /** The periods as parallel arrays: client ids, starts, ends, customers ($1 to $4). */
    private static Tuple periodArgs(List<Period> periods) {
        UUID[] clients = periods.stream().map(Period::client).toArray(UUID[]::new);
        OffsetDateTime[] starts = periods.stream().map(p -> utc(p.start())).toArray(OffsetDateTime[]::new);
        OffsetDateTime[] ends = periods.stream().map(p -> utc(p.end())).toArray(OffsetDateTime[]::new);
        String[] customers = periods.stream().map(Period::externalId).toArray(String[]::new);
        return Tuple.of(clients, starts, ends, customers);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
