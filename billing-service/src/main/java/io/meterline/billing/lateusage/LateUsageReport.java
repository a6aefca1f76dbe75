package io.meterline.billing.lateusage;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** Late usage of a REJECT meter for one client's finalized period: what was billed, and what metering has now. */
@Entity
@Table(name = "late_usage_report")
@IdClass(LateUsageReport.Key.class)
public class LateUsageReport extends PanacheEntityBase {

    @Id
    @Column(name = "client_id")
    public UUID clientId;

    @Id
    @Column(name = "period_start")
    public Instant periodStart;

    @Id
    public String meter;

    @Column(name = "period_end")
    public Instant periodEnd;

    @Column(name = "billed_usage")
    public BigDecimal billedUsage;

    @Column(name = "current_usage")
    public BigDecimal currentUsage;

    @Column(name = "detected_at")
    public Instant detectedAt;

    public static class Key implements Serializable {
        public UUID clientId;
        public Instant periodStart;
        public String meter;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(k.clientId, clientId)
                    && Objects.equals(k.periodStart, periodStart) && Objects.equals(k.meter, meter);
        }

        @Override
        public int hashCode() {
            return Objects.hash(clientId, periodStart, meter);
        }
    }
}
