package io.meterline.contracts.billing;

import java.time.Instant;
import java.util.UUID;

/** A client's subscription to a price plan, after a change. Schema version 1. */
public record SubscriptionChanged(int schemaVersion, UUID id, long revision, UUID client, String clientExternalId,
        UUID pricePlan, Instant startsAt, Instant endsAt, boolean billMetersWithBuckets) {

    public static final int SCHEMA_VERSION = 1;
}
