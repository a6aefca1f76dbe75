package io.meterline.billing.invoices;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** The last invoice number given per currency and UTC year. */
@Entity
@Table(name = "invoice_sequence")
@IdClass(InvoiceSequence.Key.class)
public class InvoiceSequence extends PanacheEntityBase {

    @Id
    public String currency;

    @Id
    public int year;

    public long last;

    public static class Key implements Serializable {
        public String currency;
        public int year;

        public Key() {
        }

        public Key(String currency, int year) {
            this.currency = currency;
            this.year = year;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.year == year && Objects.equals(k.currency, currency);
        }

        @Override
        public int hashCode() {
            return Objects.hash(currency, year);
        }
    }
}
