package io.meterline.projection.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.meterline.contracts.catalog.UnitTypeChanged;
import io.meterline.platform.problem.ProblemException;
import io.meterline.projection.state.ReplicaKind;
import io.meterline.projection.state.Replicas;
import io.meterline.rating.RatingCurrency;
import io.smallrye.mutiny.Uni;

/**
 * Over/under-commit analysis of each client's last closed period: OVER when a bucket went above its commit and none
 * left commit unused, UNDER the other way round, MIXED when both, ON_COMMIT when neither. Right-size candidates are
 * the under-committed clients with the most buffer (money paid for unused commit).
 */
@ApplicationScoped
public class OverUnderService {

    static final int RIGHT_SIZE_TOP = 10;

    @Inject
    CommitFacts facts;

    @Inject
    Replicas replicas;

    @Inject
    Clock clock;

    public Uni<OverUnder> overUnder(String filter, int limit) {
        String wanted = filter == null ? "all" : filter;
        if (!List.of("all", "over", "under", "mixed").contains(wanted)) {
            throw ProblemException.invalidField("status", "must be all, over, under or mixed");
        }
        if (limit < 1 || limit > 1000) {
            throw ProblemException.invalidField("limit", "must be between 1 and 1000");
        }
        YearMonth first = YearMonth.from(clock.instant().atOffset(ZoneOffset.UTC)).minusMonths(11);
        // Independent reads, run at once on several of the pool's connections.
        return Uni.combine().all().unis(facts.lastPeriodBuckets(), facts.months(first.atDay(1).atStartOfDay()
                .toInstant(ZoneOffset.UTC), null), unitTypeNames()).asTuple()
                .map(t -> build(t.getItem1(), t.getItem2(), t.getItem3(), wanted, limit));
    }

    /** Each client's status in its last closed period (the dashboard's counts read these too). */
    public Uni<Map<UUID, String>> statuses() {
        return facts.lastPeriodBuckets().map(readings -> {
            Map<UUID, String> out = new LinkedHashMap<>();
            byClient(readings).forEach((client, list) -> out.put(client, status(list)));
            return out;
        });
    }

    static Map<UUID, List<CommitFacts.BucketReading>> byClient(List<CommitFacts.BucketReading> readings) {
        Map<UUID, List<CommitFacts.BucketReading>> out = new LinkedHashMap<>();
        readings.forEach(r -> out.computeIfAbsent(r.client(), k -> new ArrayList<>()).add(r));
        return out;
    }

    static String status(List<CommitFacts.BucketReading> readings) {
        boolean over = readings.stream().anyMatch(r -> positive(r.overageUnits()));
        boolean under = readings.stream().anyMatch(r -> positive(r.bufferUnits()));
        return over && under ? "MIXED" : over ? "OVER" : under ? "UNDER" : "ON_COMMIT";
    }

    private OverUnder build(List<CommitFacts.BucketReading> readings, List<CommitFacts.Month> months,
            Map<UUID, String> names, String wanted, int limit) {
        List<OverUnder.ClientStatus> clients = new ArrayList<>();
        List<OverUnder.RightSize> candidates = new ArrayList<>();
        Map<String, BigDecimal> totalBuffer = new LinkedHashMap<>();
        Map<List<Object>, BigDecimal[]> byUnitType = new LinkedHashMap<>();
        for (Map.Entry<UUID, List<CommitFacts.BucketReading>> e : byClient(readings).entrySet()) {
            List<CommitFacts.BucketReading> list = e.getValue();
            CommitFacts.BucketReading any = list.get(0);
            RatingCurrency currency = RatingCurrency.of(any.currency());
            BigDecimal billed = sum(list, CommitFacts.BucketReading::billed);
            BigDecimal committed = sum(list, CommitFacts.BucketReading::committed);
            BigDecimal overage = sum(list, CommitFacts.BucketReading::overageAmount);
            BigDecimal buffer = sum(list, CommitFacts.BucketReading::bufferAmount);
            String status = status(list);
            if (wanted.equals("all") || wanted.equalsIgnoreCase(status)) {
                clients.add(new OverUnder.ClientStatus(e.getKey(), any.externalId(), status, any.periodStart(),
                        any.currency(), money(currency, billed), money(currency, committed), vsCommit(list),
                        money(currency, overage), money(currency, buffer)));
            }
            totalBuffer.merge(any.currency(), buffer, BigDecimal::add);
            if (status.equals("UNDER")) {
                TreeSet<String> unitTypes = new TreeSet<>();
                list.forEach(r -> unitTypes.add(names.getOrDefault(r.unitType(), String.valueOf(r.unitType()))));
                candidates.add(new OverUnder.RightSize(e.getKey(), any.externalId(), any.currency(),
                        List.copyOf(unitTypes), money(currency, committed), money(currency, buffer),
                        plain(sum(list, CommitFacts.BucketReading::bufferUnits)), committed.signum() == 0 ? null
                                : buffer.multiply(BigDecimal.valueOf(100)).divide(committed, 2, RoundingMode.HALF_UP)
                                        .toPlainString()));
            }
            for (CommitFacts.BucketReading r : list) {
                BigDecimal[] s = byUnitType.computeIfAbsent(java.util.Arrays.asList(r.unitType(), r.currency()),
                        k -> new BigDecimal[] { BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO });
                s[0] = s[0].add(r.usage()).subtract(r.commitUnits() == null ? BigDecimal.ZERO : r.commitUnits());
                s[1] = s[1].add(orZero(r.overageAmount()));
                s[2] = s[2].add(orZero(r.bufferAmount()));
            }
        }
        candidates.sort(Comparator.comparing((OverUnder.RightSize c) -> new BigDecimal(c.buffer())).reversed());
        List<OverUnder.UnitTypeRow> unitTypes = new ArrayList<>();
        byUnitType.forEach((key, s) -> {
            UUID id = (UUID) key.get(0);
            RatingCurrency c = RatingCurrency.of((String) key.get(1));
            unitTypes.add(new OverUnder.UnitTypeRow(id, names.get(id), c.code(), plain(s[0]), money(c, s[1]),
                    money(c, s[2])));
        });
        List<OverUnder.Amount> totals = new ArrayList<>();
        totalBuffer.forEach((c, v) -> totals.add(new OverUnder.Amount(c, money(RatingCurrency.of(c), v))));
        List<OverUnder.Trend> trend = months.stream().map(m -> new OverUnder.Trend(m.month(), m.currency(),
                money(RatingCurrency.of(m.currency()), m.overage()), money(RatingCurrency.of(m.currency()),
                        m.buffer()))).toList();
        clients.sort(Comparator.comparing(OverUnder.ClientStatus::externalId));
        return new OverUnder(clients.subList(0, Math.min(limit, clients.size())), trend,
                candidates.subList(0, Math.min(RIGHT_SIZE_TOP, candidates.size())), totals, unitTypes);
    }

    /** Usage ÷ commit × 100 when every bucket counts the same unit type (else units would be mixed). */
    private static String vsCommit(List<CommitFacts.BucketReading> list) {
        if (list.stream().map(CommitFacts.BucketReading::unitType).distinct().count() != 1) {
            return null;
        }
        BigDecimal commit = sum(list, CommitFacts.BucketReading::commitUnits);
        return commit.signum() == 0 ? null : sum(list, CommitFacts.BucketReading::usage)
                .multiply(BigDecimal.valueOf(100)).divide(commit, 2, RoundingMode.HALF_UP).toPlainString();
    }

    Uni<Map<UUID, String>> unitTypeNames() {
        return replicas.all(ReplicaKind.UNIT_TYPE, UnitTypeChanged.class).map(list -> {
            Map<UUID, String> out = new HashMap<>();
            list.forEach(u -> out.put(u.id(), u.name()));
            return out;
        });
    }

    private static BigDecimal sum(List<CommitFacts.BucketReading> list,
            java.util.function.Function<CommitFacts.BucketReading, BigDecimal> f) {
        return list.stream().map(f).map(OverUnderService::orZero).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static BigDecimal orZero(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }

    private static boolean positive(BigDecimal v) {
        return v != null && v.signum() > 0;
    }

    static String money(RatingCurrency currency, BigDecimal amount) {
        return currency.round(amount).toPlainString();
    }

    private static String plain(BigDecimal v) {
        return v.signum() == 0 ? "0" : v.stripTrailingZeros().toPlainString();
    }
}
