package io.meterline.contracts.usage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A meter event accepted and stored once, on {@link io.meterline.contracts.Topics#USAGE_METERED}, with the client it
 * resolved to (its customer, or its asset's client). Delivery is at least once: apply each (scope, id) once.
 * Schema version 1.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MeteredUsageEvent(int v, String id, String identityScope, String meter, String client,
        String customer, String asset, String source, Instant timestamp, BigDecimal value,
        Map<String, String> dimensions, Instant storedAt) {

    public static final int SCHEMA_VERSION = 1;
    /** Its CloudEvents type; its id is {@code <identityScope>/<id>}. */
    public static final String TYPE = "io.meterline.metering.usage-metered.v1";
}
