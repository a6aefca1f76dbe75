package io.meterline.projection.alerts;

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
import jakarta.persistence.Version;

import org.hibernate.annotations.Formula;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A rule's state in one scope: its status, since when, the period it last notified for, and the last value. */
@Entity
@Table(name = "alert_state")
@IdClass(AlertStateRecord.Key.class)
public class AlertStateRecord extends PanacheEntityBase {

    public static class Key implements Serializable {
        public UUID ruleId;
        public String scope;

        public Key() {
        }

        public Key(UUID ruleId, String scope) {
            this.ruleId = ruleId;
            this.scope = scope;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(ruleId, k.ruleId) && Objects.equals(scope, k.scope);
        }

        @Override
        public int hashCode() {
            return Objects.hash(ruleId, scope);
        }
    }

    @Id
    @Column(name = "rule_id")
    public UUID ruleId;

    @Id
    public String scope;

    @Column(name = "client_id")
    public UUID clientId;

    @Enumerated(EnumType.STRING)
    public AlertStatus status;

    /** The status by severity, FIRING first: what {@code ?sort=status} orders by (the column is text). */
    @Formula("case status when 'FIRING' then 0 when 'WARNING' then 1 else 2 end")
    public int severity;

    public Instant since;

    @Column(name = "notified_period")
    public Instant notifiedPeriod;

    @Column(name = "period_start")
    public Instant periodStart;

    public BigDecimal value;

    @Column(name = "evaluated_at")
    public Instant evaluatedAt;

    @Version
    public long version;

    AlertStateMachine.AlertState state() {
        return new AlertStateMachine.AlertState(status, since, notifiedPeriod);
    }
}
