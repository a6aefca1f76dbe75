package io.meterline.projection.alerts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One state change of a rule in a scope. Never changed once written. */
@Entity
@Table(name = "alert_history")
public class AlertHistoryEntry extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "rule_id")
    public UUID ruleId;

    public String scope;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_status")
    public AlertStatus fromStatus;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status")
    public AlertStatus toStatus;

    public BigDecimal value;

    public BigDecimal threshold;

    public boolean notified;

    public Instant at;
}
