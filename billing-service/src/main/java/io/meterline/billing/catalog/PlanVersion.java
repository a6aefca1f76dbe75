package io.meterline.billing.catalog;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A published price-plan or cost-rate version, immutable. {@code charges} is the version's charges as published
 * (JSON of {@link io.meterline.contracts.catalog.ChargeSpec}), read by {@link CatalogReader}.
 */
@Entity
@Table(name = "plan_version")
@IdClass(PlanVersion.Key.class)
public class PlanVersion extends PanacheEntityBase {

    @Id
    @Column(name = "plan_id")
    public UUID planId;

    @Id
    public int version;

    /** PRICE or COST. */
    public String kind;

    public String name;

    public String currency;

    /** The external id of the one client whose negotiated terms this is, or null for every client. */
    public String client;

    @Column(name = "effective_from")
    public Instant effectiveFrom;

    @Column(name = "published_at")
    public Instant publishedAt;

    public String charges;

    public static class Key implements Serializable {
        public UUID planId;
        public int version;

        public Key() {
        }

        public Key(UUID planId, int version) {
            this.planId = planId;
            this.version = version;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.version == version && Objects.equals(k.planId, planId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(planId, version);
        }
    }
}
