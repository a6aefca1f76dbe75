package io.meterline.rating.invoicing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.meterline.rating.UsageQuantity;

/**
 * A bucket as it stands for one period: its terms, its usage (the unit type's aggregation over its assets, or over
 * the client's unbound usage of the meter) and that usage per dimension set, which the cost rates price.
 */
public record BucketTerms(UUID bucketId, String name, UUID unitTypeId, String unitTypeName, String sourceType,
        String meter, BigDecimal commitUnits, BigDecimal basePrice, BigDecimal overageRate, Instant startsAt,
        Instant endsAt, BigDecimal usage, List<UsageQuantity> usageByDimensions) {

    public BucketTerms {
        usageByDimensions = List.copyOf(usageByDimensions);
    }
}
