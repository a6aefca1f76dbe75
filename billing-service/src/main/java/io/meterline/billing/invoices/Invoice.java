package io.meterline.billing.invoices;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A client's invoice for one period. Finalized when written and never changed after: corrections are adjustment
 * lines on a later invoice. Only its status (PAID, VOID) and its Stripe sync state move.
 */
@Entity
@Table(name = "invoice")
public class Invoice extends PanacheEntityBase {

    public enum Status {
        FINALIZED, PAID, VOID
    }

    public enum StripeStatus {
        PENDING, SYNCED, FAILED
    }

    @Id
    public UUID id;

    public String number;

    @Column(name = "client_id")
    public UUID clientId;

    @Column(name = "period_start")
    public Instant periodStart;

    @Column(name = "period_end")
    public Instant periodEnd;

    public String currency;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Status status;

    public BigDecimal total;

    /** Credit this invoice carries to the next one (its lines came to less than zero). */
    @Column(name = "credit_carried")
    public BigDecimal creditCarried;

    @Column(name = "issued_at")
    public Instant issuedAt;

    @Column(name = "due_at")
    public Instant dueAt;

    @Column(name = "billing_run_id")
    public UUID billingRunId;

    @Column(name = "paid_at")
    public Instant paidAt;

    @Column(name = "voided_at")
    public Instant voidedAt;

    @Column(name = "void_reason")
    public String voidReason;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    @Column(name = "stripe_status")
    public StripeStatus stripeStatus;

    @Column(name = "stripe_invoice_id")
    public String stripeInvoiceId;

    @Column(name = "stripe_error")
    public String stripeError;

    @Column(name = "stripe_attempts")
    public int stripeAttempts;

    /** Whether the Stripe invoice of this voided invoice was voided too. */
    @Column(name = "stripe_voided")
    public boolean stripeVoided;

    @Version
    public long version;
}
