package io.meterline.billing.runs;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A stored backtest: what was asked, and its result as JSON. */
@Entity
@Table(name = "backtest")
public class Backtest extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "price_plan")
    public UUID pricePlan;

    /** The candidate version; null for the plan's draft. */
    public Integer version;

    public String period;

    @Column(name = "requested_by")
    public String requestedBy;

    @Column(name = "created_at")
    public Instant createdAt;

    public String result;
}
