package io.meterline.contracts.catalog;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A price plan or cost-rate plan version, as published: immutable, in effect from {@code effectiveFrom} until a
 * later version of the same plan takes effect. {@code kind} is PRICE or COST. {@code client} is set for negotiated
 * terms that apply to one client only. Schema version 1.
 */
public record PlanVersionPublished(int schemaVersion, UUID planId, String kind, String name, String currency,
        String client, int version, Instant effectiveFrom, Instant publishedAt, String publishedBy,
        List<ChargeSpec> charges) {

    public static final int SCHEMA_VERSION = 1;
}
