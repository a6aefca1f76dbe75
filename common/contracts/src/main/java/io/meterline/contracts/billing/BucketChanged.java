package io.meterline.contracts.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A billing bucket's state after a change, its asset bindings included; {@code revision} increases with each change.
 * {@code client} is billing's client id and {@code clientExternalId} the customer on usage events. Schema version 1.
 */
public record BucketChanged(int schemaVersion, UUID id, long revision, UUID client, String clientExternalId,
        UUID unitType, String meter, String name, String sourceType, BigDecimal commitUnits, BigDecimal basePrice,
        BigDecimal overageRate, String currency, Instant startsAt, Instant endsAt, boolean reviewed, boolean enabled,
        List<String> assets) {

    public static final int SCHEMA_VERSION = 1;
}
