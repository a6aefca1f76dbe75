package io.meterline.projection.projections;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

/**
 * One bucket's, or one plan charge's and dimension set's, open period: usage and money so far and where they are
 * projected to land. {@code projectedCost} is what the line would bill (base + overage, or the plan's rating);
 * {@code projectedMeteredCost} what serving it would cost us (the cost rates).
 */
public record ProjectionLine(UUID bucketId, String chargeKey, String meter, Map<String, String> dimensions,
        UUID unitTypeId, String sourceType, BigDecimal currentUsage, BigDecimal projectedUsage,
        BigDecimal projectedLow, BigDecimal projectedHigh, BigDecimal commitUnits, BigDecimal percentOfCommit,
        BigDecimal currentRevenue, BigDecimal currentCost, BigDecimal projectedCost, BigDecimal projectedMeteredCost,
        BigDecimal projectedOverage, BigDecimal projectedBuffer, String method) {

    /** The line's key within its client: the bucket, or the charge and its dimension set. */
    public String key() {
        return key(bucketId, chargeKey, dimensions);
    }

    static String key(UUID bucketId, String chargeKey, Map<String, String> dimensions) {
        return bucketId != null ? "bucket:" + bucketId : "charge:" + chargeKey + ":" + new java.util.TreeMap<>(dimensions);
    }
}
