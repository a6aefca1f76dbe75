package io.meterline.billing.readings;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A stored reading: one bucket's, or one plan charge's and dimension set's, usage, billed amount and metered cost
 * for a period. Finalized with its invoice. {@code dimensions} is canonical JSON text.
 */
@Entity
@Table(name = "billing_reading")
public class BillingReading extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "invoice_id")
    public UUID invoiceId;

    @Column(name = "client_id")
    public UUID clientId;

    @Column(name = "period_start")
    public Instant periodStart;

    @Column(name = "period_end")
    public Instant periodEnd;

    public String currency;

    @Column(name = "bucket_id")
    public UUID bucketId;

    @Column(name = "unit_type_id")
    public UUID unitTypeId;

    @Column(name = "source_type")
    public String sourceType;

    @Column(name = "charge_key")
    public String chargeKey;

    public String meter;

    public String dimensions;

    public BigDecimal usage;

    @Column(name = "commit_units")
    public BigDecimal commitUnits;

    @Column(name = "overage_units")
    public BigDecimal overageUnits;

    @Column(name = "overage_amount")
    public BigDecimal overageAmount;

    @Column(name = "buffer_units")
    public BigDecimal bufferUnits;

    @Column(name = "buffer_amount")
    public BigDecimal bufferAmount;

    @Column(name = "base_amount")
    public BigDecimal baseAmount;

    @Column(name = "billed_amount")
    public BigDecimal billedAmount;

    public BigDecimal cost;

    @Column(name = "uncosted_usage")
    public BigDecimal uncostedUsage;

    public boolean finalized;
}
