package io.meterline.pricing.plans;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.ColumnTransformer;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A published version as stored: written once, never updated or deleted. */
@Entity
@Immutable
@Table(name = "plan_version")
@IdClass(PlanVersionRecord.Key.class)
public class PlanVersionRecord extends PanacheEntityBase {

    @Id
    @Column(name = "plan_id")
    public UUID planId;

    @Id
    public int version;

    /** The plan it belongs to, for its kind, name and client; read with a fetch join. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "plan_id", insertable = false, updatable = false)
    public PlanRecord plan;

    @Column(name = "effective_from")
    public Instant effectiveFrom;

    public String currency;

    /** JSON, as {@link ChargesJson} writes it, in a jsonb column. */
    @ColumnTransformer(read = "charges::text", write = "cast(cast(? as text) as jsonb)")
    public String charges;

    @Column(name = "published_at")
    public Instant publishedAt;

    @Column(name = "published_by")
    public String publishedBy;

    /** The version with its plan's kind, name and client; {@code plan} must be the version's plan. */
    PlanVersion view(PlanRecord plan, ChargesJson json) {
        return new PlanVersion(planId, plan.kind, plan.name, plan.client, version, effectiveFrom, currency,
                json.read(charges), publishedAt, publishedBy);
    }

    Plan.VersionSummary summary() {
        return new Plan.VersionSummary(version, effectiveFrom, publishedAt, publishedBy);
    }

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
