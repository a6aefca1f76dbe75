package io.meterline.billing.usage;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * Combines totals of one meter across rows (dimension sets or asset groups) by the meter's aggregation. Sums and
 * extremes combine exactly; AVG, UNIQUE_COUNT and LATEST do not, so their totals are read from metering over the
 * whole set at once ({@link #summable}).
 */
public final class Aggregations {

    private static final Set<String> COMBINABLE = Set.of("SUM", "COUNT", "MAX", "MIN");

    private Aggregations() {
    }

    public static boolean summable(String aggregation) {
        return aggregation == null || COMBINABLE.contains(aggregation);
    }

    /** The combined total; zero for no rows. Only for {@link #summable} aggregations, or a single row. */
    public static BigDecimal combine(String aggregation, List<BigDecimal> values) {
        if (values.isEmpty()) {
            return BigDecimal.ZERO;
        }
        if (values.size() == 1) {
            return values.get(0);
        }
        String kind = aggregation == null ? "SUM" : aggregation;
        return switch (kind) {
            case "MAX" -> values.stream().reduce(BigDecimal::max).orElseThrow();
            case "MIN" -> values.stream().reduce(BigDecimal::min).orElseThrow();
            case "SUM", "COUNT" -> values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            default -> throw new IllegalArgumentException(kind + " totals cannot be combined; read them whole");
        };
    }
}
