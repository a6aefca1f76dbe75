package io.meterline.billing.runs;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One client of a run: pending until its transaction commits (DONE) or it fails with a reason (FAILED). */
@Entity
@Table(name = "billing_run_client")
@IdClass(BillingRunClient.Key.class)
public class BillingRunClient extends PanacheEntityBase {

    public enum Status {
        PENDING, DONE, FAILED
    }

    @Id
    @Column(name = "run_id")
    public UUID runId;

    @Id
    @Column(name = "client_id")
    public UUID clientId;

    @Enumerated(EnumType.STRING)
    public Status status;

    public int invoices;

    public String error;

    public static class Key implements Serializable {
        public UUID runId;
        public UUID clientId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(k.runId, runId) && Objects.equals(k.clientId, clientId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(runId, clientId);
        }
    }
}
