package io.meterline.projection.alerts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What alert rules are evaluated on: the open period's projection lines and client totals, and each client's and
 * meter's cost per unit over its trailing closed periods (the anomaly baseline).
 */
public record AlertFacts(List<Line> lines, Map<UUID, Total> totals, Map<String, List<BigDecimal>> costPerUnitBaseline) {

    /** One projection line. {@code key} is its scope: bucket:&lt;id&gt; or charge:&lt;client&gt;:&lt;key&gt;:&lt;dims&gt;. */
    public record Line(UUID client, String key, UUID bucket, String meter, Instant periodStart,
            BigDecimal currentUsage, BigDecimal projectedUsage, BigDecimal commitUnits, BigDecimal currentCost,
            BigDecimal projectedRevenue, BigDecimal projectedCost) {
    }

    /** A client's open period: projected revenue and metered cost. */
    public record Total(UUID client, Instant periodStart, BigDecimal projectedRevenue, BigDecimal projectedCost) {
    }

    public static String baselineKey(UUID client, String meter) {
        return client + "/" + meter;
    }
}
