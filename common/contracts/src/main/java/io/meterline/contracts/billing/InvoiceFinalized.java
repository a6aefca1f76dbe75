package io.meterline.contracts.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An invoice as finalized, with the period's readings: revenue and metered cost per bucket, or per plan charge and
 * dimension set. What projections and the margin views read about a closed period. Amounts are in {@code currency}.
 * Schema version 1.
 */
public record InvoiceFinalized(int schemaVersion, UUID id, String number, UUID client, String clientExternalId,
        Instant periodStart, Instant periodEnd, String currency, BigDecimal total, Instant issuedAt, Instant dueAt,
        List<ReadingSummary> readings) {

    public static final int SCHEMA_VERSION = 1;

    /** One reading of the period. {@code bucket} is set for a bucket's reading, {@code chargeKey} for a charge's. */
    public record ReadingSummary(UUID bucket, UUID unitType, String sourceType, String chargeKey, String meter,
            Map<String, String> dimensions, BigDecimal usage, BigDecimal commitUnits, BigDecimal overageUnits,
            BigDecimal overageAmount, BigDecimal bufferUnits, BigDecimal bufferAmount, BigDecimal billedAmount,
            BigDecimal cost) {
    }
}
