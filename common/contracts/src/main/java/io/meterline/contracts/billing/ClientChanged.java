package io.meterline.contracts.billing;

import java.time.Instant;
import java.util.UUID;

import io.meterline.rating.periods.BillingCycle;

/**
 * A client's state after a change; {@code revision} increases with each change. {@code externalId} is the
 * {@code customer} on usage events: metering checks asset assignments against it. Schema version 2 adds
 * {@code billingCycle}, so projections compute the client's periods as billing does; a version 1 payload has none
 * (read it as {@link BillingCycle#CALENDAR_MONTH}).
 */
public record ClientChanged(int schemaVersion, UUID id, long revision, String externalId, String name,
        String currency, String timeZone, boolean enabled, Instant startsAt, Instant endsAt,
        BillingCycle billingCycle) {

    public static final int SCHEMA_VERSION = 2;

    /** The client's billing cycle; calendar months for a version 1 payload. */
    public BillingCycle cycle() {
        return billingCycle == null ? BillingCycle.CALENDAR_MONTH : billingCycle;
    }
}
