package io.meterline.rating;

import java.math.BigDecimal;
import java.util.Map;

/** A period's aggregated usage of one meter for one set of dimension values. */
public record UsageQuantity(String meter, Map<String, String> dimensions, BigDecimal quantity) {

    public UsageQuantity {
        dimensions = dimensions == null ? Map.of() : Map.copyOf(dimensions);
    }
}
