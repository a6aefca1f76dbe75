package io.meterline.contracts.billing;

import java.time.Instant;
import java.util.UUID;

/**
 * A client's state after a change; {@code revision} increases with each change. {@code externalId} is the
 * {@code customer} on usage events: metering checks asset assignments against it. Schema version 1.
 */
public record ClientChanged(int schemaVersion, UUID id, long revision, String externalId, String name,
        String currency, String timeZone, boolean enabled, Instant startsAt, Instant endsAt) {

    public static final int SCHEMA_VERSION = 1;
}
