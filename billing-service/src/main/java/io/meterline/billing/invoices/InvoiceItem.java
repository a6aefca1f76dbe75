package io.meterline.billing.invoices;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.meterline.rating.invoicing.InvoiceLine;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A stored invoice line, in its invoice's order. {@code dimensions} is canonical JSON text. */
@Entity
@Table(name = "invoice_line")
@IdClass(InvoiceItem.Key.class)
public class InvoiceItem extends PanacheEntityBase {

    @Id
    @Column(name = "invoice_id")
    public UUID invoiceId;

    @Id
    public int position;

    @Enumerated(EnumType.STRING)
    public InvoiceLine.Kind kind;

    public String description;

    public BigDecimal quantity;

    @Column(name = "unit_price")
    public BigDecimal unitPrice;

    public BigDecimal amount;

    @Column(name = "bucket_id")
    public UUID bucketId;

    @Column(name = "charge_key")
    public String chargeKey;

    public String dimensions;

    @Column(name = "corrects_period")
    public Instant correctsPeriod;

    public static class Key implements Serializable {
        public UUID invoiceId;
        public int position;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.position == position && Objects.equals(k.invoiceId, invoiceId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(invoiceId, position);
        }
    }
}
