package io.meterline.contracts.projection;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * An alert rule's state in one scope changed ({@code OK}, {@code WARNING}, {@code FIRING}). {@code notified} is true
 * for the one notification per period and scope (the change webhooks are sent for). {@code scope} is
 * {@code client:<id>}, {@code bucket:<id>}, {@code charge:<client id>:<key>:<dimensions>} or
 * {@code meter:<client id>:<meter>}. Schema version 1.
 */
public record AlertStateChanged(int schemaVersion, UUID rule, String ruleName, String kind, String scope,
        UUID client, String previousStatus, String status, BigDecimal value, BigDecimal threshold, Instant periodStart,
        boolean notified, Instant at) {

    public static final int SCHEMA_VERSION = 1;
}
