package io.meterline.projection.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.meterline.platform.problem.ProblemException;
import io.meterline.rating.RatingCurrency;
import io.smallrye.mutiny.Uni;

/**
 * The margin figures: revenue, metered cost, margin and margin % for a range, by client, meter, dimension or source
 * type, and the rolling 12-month trend. Figures stay in their currency; nothing is converted.
 */
@ApplicationScoped
public class MarginService {

    @Inject
    MarginFacts facts;

    @Inject
    Clock clock;

    public Uni<MarginReport> margin(AnalyticsRange range, String groupBy, String dimension, UUID client) {
        MarginFacts.GroupBy grouping = grouping(groupBy, dimension);
        return facts.sums(range, grouping, dimension, client).map(sums -> {
            List<MarginRow> items = sums.stream().map(s -> row(s.key(), s.currency(), s.revenue(), s.cost()))
                    .toList();
            return new MarginReport(items, overall(sums));
        });
    }

    /** Month by month (by the UTC month a period starts in) over the last {@code months}, this one included. */
    public Uni<List<MarginRow>> trend(int months, UUID client) {
        if (months < 1 || months > AnalyticsRange.MAX_MONTHS) {
            throw ProblemException.invalidField("months", "must be between 1 and " + AnalyticsRange.MAX_MONTHS);
        }
        YearMonth now = YearMonth.from(clock.instant().atOffset(ZoneOffset.UTC));
        AnalyticsRange range = new AnalyticsRange(now.minusMonths(months - 1L).atDay(1).atStartOfDay()
                .toInstant(ZoneOffset.UTC), now.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        return facts.sums(range, MarginFacts.GroupBy.MONTH, null, client).map(sums -> sums.stream()
                .map(s -> row(s.key(), s.currency(), s.revenue(), s.cost()))
                .sorted(java.util.Comparator.comparing(MarginRow::key).thenComparing(MarginRow::currency)).toList());
    }

    /** Per group and meter: usage, revenue and cost, per unit and the contribution margin. */
    public Uni<List<UnitEconomicsRow>> unitEconomics(AnalyticsRange range, String groupBy, String dimension,
            UUID client) {
        MarginFacts.GroupBy grouping = grouping(groupBy, dimension);
        if (grouping == MarginFacts.GroupBy.SOURCE_TYPE) {
            throw ProblemException.invalidField("groupBy", "must be client, meter or dimension");
        }
        return facts.sums(range, grouping, true, dimension, client).map(sums -> sums.stream().map(s -> {
            MarginRow money = row(s.key(), s.currency(), s.revenue(), s.cost());
            BigDecimal usage = s.usage();
            boolean used = usage.signum() != 0;
            return new UnitEconomicsRow(s.key(), s.meter(), s.currency(), usage.stripTrailingZeros().toPlainString(),
                    money.revenue(), money.cost(),
                    used ? s.revenue().divide(usage, 6, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString()
                            : null,
                    used ? s.cost().divide(usage, 6, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() : null,
                    money.margin(), money.marginPercent());
        }).toList());
    }

    static MarginFacts.GroupBy grouping(String groupBy, String dimension) {
        String g = groupBy == null ? "client" : groupBy;
        MarginFacts.GroupBy grouping = switch (g) {
            case "client" -> MarginFacts.GroupBy.CLIENT;
            case "meter" -> MarginFacts.GroupBy.METER;
            case "dimension" -> MarginFacts.GroupBy.DIMENSION;
            case "sourceType" -> MarginFacts.GroupBy.SOURCE_TYPE;
            default -> throw ProblemException.invalidField("groupBy", "must be client, meter, dimension or sourceType");
        };
        if (grouping == MarginFacts.GroupBy.DIMENSION && (dimension == null || dimension.isBlank())) {
            throw ProblemException.invalidField("dimension", "is required when grouping by dimension: the dimension "
                    + "key, such as model");
        }
        return grouping;
    }

    /** One row per currency of everything in the groups; a single row (no currency) of zeros when there is none. */
    static Object overall(List<MarginFacts.Sums> sums) {
        Map<String, BigDecimal[]> byCurrency = new LinkedHashMap<>();
        for (MarginFacts.Sums s : sums) {
            BigDecimal[] t = byCurrency.computeIfAbsent(s.currency(), k -> new BigDecimal[] { BigDecimal.ZERO,
                    BigDecimal.ZERO });
            t[0] = t[0].add(s.revenue());
            t[1] = t[1].add(s.cost());
        }
        List<MarginRow> rows = new ArrayList<>();
        byCurrency.forEach((currency, t) -> rows.add(row(null, currency, t[0], t[1])));
        if (rows.isEmpty()) {
            return new MarginRow(null, null, "0.00", "0.00", "0.00", null);
        }
        return rows.size() == 1 ? rows.get(0) : rows;
    }

    /** Rounded once, at the end, to the currency's minor unit; margin % to two decimals. */
    static MarginRow row(String key, String currency, BigDecimal revenue, BigDecimal cost) {
        RatingCurrency c = RatingCurrency.of(currency.toUpperCase(Locale.ROOT));
        BigDecimal r = c.round(revenue);
        BigDecimal k = c.round(cost);
        BigDecimal margin = r.subtract(k);
        String percent = r.signum() == 0 ? null
                : margin.multiply(BigDecimal.valueOf(100)).divide(r, 2, RoundingMode.HALF_UP).toPlainString();
        return new MarginRow(key, currency, r.toPlainString(), k.toPlainString(), margin.toPlainString(), percent);
    }
}
