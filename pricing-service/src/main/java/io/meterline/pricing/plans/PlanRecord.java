package io.meterline.pricing.plans;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.Formula;
import org.hibernate.annotations.ColumnTransformer;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A price plan or cost-rate plan as stored: its editable draft. Its published versions are {@link PlanVersionRecord}s. */
@Entity
@Table(name = "plan")
public class PlanRecord extends PanacheEntityBase {

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    public PlanKind kind;

    public String name;

    /** The name as the lists sort it: case-insensitively. */
    @Formula("lower(name)")
    public String sortName;

    public String description;

    public String currency;

    /** The external id of the client whose negotiated terms this is; null for every client. */
    public String client;

    /** The draft's charges: JSON, as {@link ChargesJson} writes it, in a jsonb column (bound as text, then cast). */
    @Column(name = "draft_charges")
    @ColumnTransformer(read = "draft_charges::text", write = "cast(cast(? as text) as jsonb)")
    public String draftCharges;

    /** The optimistic lock, and the draft's revision the API shows: 1 when made, one more per draft change. */
    @Version
    @Column(name = "draft_revision")
    public int draftRevision;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    void apply(PlanRequest r, ChargesJson charges) {
        name = r.name().trim();
        description = r.description();
        currency = r.currency();
        client = r.client();
        draftCharges = charges.write(r.charges());
    }

    Plan view(List<Plan.VersionSummary> versions, ChargesJson charges) {
        return new Plan(id, kind, name, description, currency, client,
                new Plan.Draft(charges.read(draftCharges), draftRevision),
                versions, createdAt.atOffset(ZoneOffset.UTC), updatedAt.atOffset(ZoneOffset.UTC));
    }
}
