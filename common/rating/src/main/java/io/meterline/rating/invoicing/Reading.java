package io.meterline.rating.invoicing;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

/**
 * One bucket's, or one plan charge's and dimension set's, result for a period: usage, what it billed and what it
 * cost. Cost comes from the cost rates in the client's currency; usage they do not price is {@code uncostedUsage},
 * never converted from another currency.
 */
public record Reading(UUID bucketId, UUID unitTypeId, String sourceType, String chargeKey, String meter,
        Map<String, String> dimensions, BigDecimal usage, BigDecimal commitUnits, BigDecimal overageUnits,
        BigDecimal overageAmount, BigDecimal bufferUnits, BigDecimal bufferAmount, BigDecimal baseAmount,
        BigDecimal billedAmount, BigDecimal cost, BigDecimal uncostedUsage) {

    public BigDecimal margin() {
        return billedAmount.subtract(cost);
    }
}
