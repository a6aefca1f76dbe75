package io.meterline.contracts.billing;

import java.time.Instant;
import java.util.UUID;

/** A finalized invoice made void: its revenue no longer counts. Schema version 1. */
public record InvoiceVoided(int schemaVersion, UUID id, String number, UUID client, Instant periodStart,
        Instant voidedAt, String reason) {

    public static final int SCHEMA_VERSION = 1;
}
