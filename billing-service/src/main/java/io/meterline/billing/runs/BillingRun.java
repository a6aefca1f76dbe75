package io.meterline.billing.runs;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A job that closes, for each selected client, every period ended by {@code asOf} less the client's grace. */
@Entity
@Table(name = "billing_run")
public class BillingRun extends PanacheEntityBase {

    public enum Status {
        QUEUED, RUNNING, SUCCEEDED, PARTIAL, FAILED
    }

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    public Status status;

    @Column(name = "as_of")
    public Instant asOf;

    @Column(name = "all_clients")
    public boolean allClients;

    public int total;

    public int done;

    public int failed;

    public int invoices;

    @Column(name = "requested_by")
    public String requestedBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    public String owner;

    @Column(name = "heartbeat_at")
    public Instant heartbeatAt;

    @Version
    public long version;
}
