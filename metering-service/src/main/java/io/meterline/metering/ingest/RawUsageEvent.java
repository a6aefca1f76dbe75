package io.meterline.metering.ingest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A meter event as the ingest API accepted it, on {@link io.meterline.contracts.Topics#USAGE_RAW}, keyed by
 * customer (or asset). Metering's own format: only metering writes and reads that topic, so it lives here, not in the
 * shared contracts. Not yet deduplicated: the consumer keeps each identity ({@code id} within its customer, or
 * its asset when it has no customer) once. Schema version 1.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record RawUsageEvent(int v, String id, String meter, String customer, String asset, String source,
        Instant timestamp, BigDecimal value, Map<String, String> dimensions, Instant ingestedAt) {

    public static final int SCHEMA_VERSION = 1;

    /** The scope an event's id is unique in: its customer, or its asset when it has none. */
    public String identityScope() {
        return customer != null ? "c:" + customer : "a:" + asset;
    }

    /** The Kafka record key: keeps one customer's events in order on one partition. */
    public String recordKey() {
        return customer != null ? customer : asset;
    }
}
