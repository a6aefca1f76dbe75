package io.meterline.metering.meters;

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

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A meter as stored. The ingest path reads meters through {@link MeterCatalog}'s cache, never through this entity. */
@Entity
@Table(name = "meter")
public class MeterRecord extends PanacheEntityBase {

    @Id
    public UUID id;

    /** How events name the meter; never changes. */
    @Column(name = "api_name")
    public String apiName;

    @Column(name = "display_name")
    public String displayName;

    public String unit;

    @Enumerated(EnumType.STRING)
    public Aggregation aggregation;

    @Column(name = "unique_by")
    public String uniqueBy;

    /** The dimensions events may carry (text[]). */
    public String[] dimensions;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;

    void apply(MeterRequest r) {
        apiName = r.apiName();
        displayName = r.displayName().trim();
        unit = r.unit();
        aggregation = Aggregation.valueOf(r.aggregation());
        uniqueBy = r.uniqueBy();
        dimensions = r.dimensions() == null ? new String[0] : r.dimensions().toArray(String[]::new);
    }

    Meter view() {
        return new Meter(id, apiName, displayName, unit, aggregation, uniqueBy, List.of(dimensions),
                createdAt.atOffset(ZoneOffset.UTC), updatedAt.atOffset(ZoneOffset.UTC));
    }
}
