package io.meterline.metering.meters;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.ColumnTransformer;

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

    /** The CloudEvent type the meter reads, when not its apiName (OpenMeter's eventType); unique. */
    @Column(name = "event_type")
    public String eventType;

    /** Where CloudEvents carry the value in data (OpenMeter's valueProperty), or null for data.value. */
    @Column(name = "value_property")
    public String valueProperty;

    /** Dimension to its path in a CloudEvent's data, as a JSON object in a jsonb column (bound as text, then cast). */
    @Column(name = "group_by")
    @ColumnTransformer(read = "group_by::text", write = "cast(cast(? as text) as jsonb)")
    public String groupBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;

    void apply(MeterRequest r, MeterRequest.Definition definition) {
        apiName = r.apiName();
        displayName = r.displayName().trim();
        unit = r.unit();
        aggregation = definition.aggregation();
        uniqueBy = definition.uniqueBy();
        dimensions = definition.dimensions().toArray(String[]::new);
        eventType = definition.eventType();
        valueProperty = definition.valueProperty();
        groupBy = GroupByJson.write(definition.groupBy());
    }

    Meter view() {
        Map<String, String> paths = GroupByJson.read(groupBy);
        return new Meter(id, apiName, displayName, unit, aggregation, uniqueBy, List.of(dimensions), eventType,
                valueProperty, paths, createdAt.atOffset(ZoneOffset.UTC), updatedAt.atOffset(ZoneOffset.UTC));
    }
}
