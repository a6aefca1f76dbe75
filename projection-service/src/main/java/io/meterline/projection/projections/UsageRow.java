package io.meterline.projection.projections;

import java.math.BigDecimal;
import java.util.Map;

/**
 * A client's usage of one meter from one asset ({@code ""} for none) with one dimension set, over a span: the sum of
 * values, the number of events and the largest value.
 */
public record UsageRow(String meter, String asset, Map<String, String> dimensions, BigDecimal value, long events,
        BigDecimal max) {

    /** The usage as a unit type aggregates it: SUM (the default), COUNT or MAX. */
    public BigDecimal measure(String aggregation) {
        return switch (aggregation == null ? "SUM" : aggregation) {
            case "COUNT" -> BigDecimal.valueOf(events);
            case "MAX" -> max;
            default -> value;
        };
    }
}
