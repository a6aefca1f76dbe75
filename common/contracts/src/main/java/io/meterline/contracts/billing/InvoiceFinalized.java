package io.meterline.contracts.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An invoice as finalized, with the period's readings: revenue and metered cost per bucket, or per plan charge and
 * dimension set. What projections and the margin views read about a closed period. Amounts are in {@code currency}.
 * Schema version 2 adds {@code lines}: the invoice's lines as billed (discounts, late-usage adjustments with the
 * period each corrects, credits), so revenue can be counted after discounts and in the period it belongs to.
 */
public record InvoiceFinalized(int schemaVersion, UUID id, String number, UUID client, String clientExternalId,
        Instant periodStart, Instant periodEnd, String currency, BigDecimal total, Instant issuedAt, Instant dueAt,
        List<ReadingSummary> readings, List<LineSummary> lines) {

    public static final int SCHEMA_VERSION = 2;

    public InvoiceFinalized {
        readings = readings == null ? List.of() : List.copyOf(readings);
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /**
     * One invoice line: {@code kind} is BASE, OVERAGE, CHARGE, MINIMUM, DISCOUNT, ADJUSTMENT or CREDIT; an ADJUSTMENT
     * names the period it corrects ({@code correctsPeriod}, that period's start).
     */
    public record LineSummary(String kind, BigDecimal amount, UUID bucket, String chargeKey,
            Map<String, String> dimensions, Instant correctsPeriod) {
    }

    /** One reading of the period. {@code bucket} is set for a bucket's reading, {@code chargeKey} for a charge's. */
    public record ReadingSummary(UUID bucket, UUID unitType, String sourceType, String chargeKey, String meter,
            Map<String, String> dimensions, BigDecimal usage, BigDecimal commitUnits, BigDecimal overageUnits,
            BigDecimal overageAmount, BigDecimal bufferUnits, BigDecimal bufferAmount, BigDecimal billedAmount,
            BigDecimal cost) {
    }
}
