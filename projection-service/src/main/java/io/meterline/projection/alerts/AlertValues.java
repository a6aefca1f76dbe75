package io.meterline.projection.alerts;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The value each rule watches, per scope (pure). Line kinds look at each bucket or plan-charge line; cost and margin
 * at a client (or its meter, or its bucket, when the rule names one); the anomaly at a client's meter:
 * <ul>
 * <li>USAGE_THRESHOLD: usage so far; PERCENT_OF_COMMIT: usage so far ÷ commit × 100;</li>
 * <li>PROJECTED_OVERAGE: projected usage ÷ commit × 100; PROJECTED_SHORTFALL: the projected unused share of the commit,
 * (1 − projected ÷ commit) × 100, never below 0;</li>
 * <li>COST_THRESHOLD: metered cost so far; MARGIN_BELOW: projected margin %, (revenue − cost) ÷ revenue × 100,
 * where revenue is not zero;</li>
 * <li>COST_PER_UNIT_ANOMALY: the robust z-score ({@link RobustBaseline}) of this period's cost per unit against the
 * trailing closed periods'.</li>
 * </ul>
 */
public final class AlertValues {

    private static final MathContext MC = MathContext.DECIMAL64;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** One scope's value for a rule. */
    public record Value(String scope, UUID client, Instant periodStart, BigDecimal value) {
    }

    private AlertValues() {
    }

    public static List<Value> of(AlertRule rule, AlertFacts facts) {
        List<AlertFacts.Line> lines = facts.lines().stream().filter(l -> matches(rule, l)).toList();
        return switch (rule.kind) {
            case USAGE_THRESHOLD -> perLine(lines, l -> l.currentUsage());
            case PERCENT_OF_COMMIT -> perLine(lines, l -> percent(l.currentUsage(), l.commitUnits()));
            case PROJECTED_OVERAGE -> perLine(lines, l -> percent(l.projectedUsage(), l.commitUnits()));
            case PROJECTED_SHORTFALL -> perLine(lines, l -> {
                BigDecimal used = percent(l.projectedUsage(), l.commitUnits());
                return used == null ? null : HUNDRED.subtract(used).max(BigDecimal.ZERO);
            });
            case COST_THRESHOLD -> grouped(rule, lines, (sum, l) -> new BigDecimal[] {
                    sum[0].add(l.currentCost()), sum[1] }, sum -> sum[0]);
            case MARGIN_BELOW -> margin(rule, lines, facts);
            case COST_PER_UNIT_ANOMALY -> anomaly(lines, facts);
        };
    }

    private static boolean matches(AlertRule rule, AlertFacts.Line l) {
        return (rule.clientId == null || rule.clientId.equals(l.client()))
                && (rule.bucketId == null || rule.bucketId.equals(l.bucket()))
                && (rule.meter == null || rule.meter.equals(l.meter()));
    }

    private static List<Value> perLine(List<AlertFacts.Line> lines,
            java.util.function.Function<AlertFacts.Line, BigDecimal> value) {
        List<Value> out = new ArrayList<>();
        for (AlertFacts.Line l : lines) {
            BigDecimal v = value.apply(l);
            if (v != null) {
                out.add(new Value(l.key(), l.client(), l.periodStart(), v));
            }
        }
        return out;
    }

    /** A client's lines summed: scoped to the bucket, or the meter, or the client, as the rule is. */
    private static List<Value> grouped(AlertRule rule, List<AlertFacts.Line> lines,
            java.util.function.BiFunction<BigDecimal[], AlertFacts.Line, BigDecimal[]> add,
            java.util.function.Function<BigDecimal[], BigDecimal> value) {
        Map<String, BigDecimal[]> sums = new LinkedHashMap<>();
        Map<String, AlertFacts.Line> first = new LinkedHashMap<>();
        for (AlertFacts.Line l : lines) {
            String scope = rule.bucketId != null ? l.key()
                    : rule.meter != null ? "meter:" + l.client() + ":" + l.meter() : "client:" + l.client();
            sums.put(scope, add.apply(sums.getOrDefault(scope, new BigDecimal[] { BigDecimal.ZERO,
                    BigDecimal.ZERO }), l));
            first.putIfAbsent(scope, l);
        }
        List<Value> out = new ArrayList<>();
        sums.forEach((scope, sum) -> {
            BigDecimal v = value.apply(sum);
            if (v != null) {
                out.add(new Value(scope, first.get(scope).client(), first.get(scope).periodStart(), v));
            }
        });
        return out;
    }

    private static List<Value> margin(AlertRule rule, List<AlertFacts.Line> lines, AlertFacts facts) {
        if (rule.bucketId == null && rule.meter == null) {
            // The whole client: its period's totals, plan-level discounts included.
            List<Value> out = new ArrayList<>();
            for (AlertFacts.Total t : facts.totals().values()) {
                if (rule.clientId == null || rule.clientId.equals(t.client())) {
                    BigDecimal p = marginPercent(t.projectedRevenue(), t.projectedCost());
                    if (p != null) {
                        out.add(new Value("client:" + t.client(), t.client(), t.periodStart(), p));
                    }
                }
            }
            return out;
        }
        return grouped(rule, lines, (sum, l) -> new BigDecimal[] { sum[0].add(l.projectedRevenue()),
                sum[1].add(l.projectedCost()) }, sum -> marginPercent(sum[0], sum[1]));
    }

    private static List<Value> anomaly(List<AlertFacts.Line> lines, AlertFacts facts) {
        Map<String, BigDecimal[]> byMeter = new LinkedHashMap<>();
        Map<String, AlertFacts.Line> first = new LinkedHashMap<>();
        for (AlertFacts.Line l : lines) {
            String key = AlertFacts.baselineKey(l.client(), l.meter());
            BigDecimal[] s = byMeter.computeIfAbsent(key, k -> new BigDecimal[] { BigDecimal.ZERO, BigDecimal.ZERO });
            s[0] = s[0].add(l.currentCost());
            s[1] = s[1].add(l.currentUsage());
            first.putIfAbsent(key, l);
        }
        List<Value> out = new ArrayList<>();
        byMeter.forEach((key, s) -> {
            if (s[1].signum() == 0) {
                return;
            }
            BigDecimal perUnit = s[0].divide(s[1], MC);
            Optional<BigDecimal> z = RobustBaseline.zScore(facts.costPerUnitBaseline().getOrDefault(key, List.of()),
                    perUnit);
            AlertFacts.Line l = first.get(key);
            z.ifPresent(v -> out.add(new Value("meter:" + l.client() + ":" + l.meter(), l.client(), l.periodStart(),
                    v.setScale(4, RoundingMode.HALF_UP))));
        });
        return out;
    }

    private static BigDecimal percent(BigDecimal usage, BigDecimal commit) {
        return commit == null || commit.signum() == 0 ? null
                : usage.multiply(HUNDRED).divide(commit, 4, RoundingMode.HALF_UP);
    }

    private static BigDecimal marginPercent(BigDecimal revenue, BigDecimal cost) {
        return revenue.signum() == 0 ? null
                : revenue.subtract(cost).multiply(HUNDRED).divide(revenue, 4, RoundingMode.HALF_UP);
    }
}
