package io.meterline.pricing.unittypes;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.Formula;

import io.meterline.contracts.catalog.UnitTypeChanged;
import io.meterline.platform.db.Decimals;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A unit type as stored. A deleted one stays, marked, so that the catalog topic can say it went and its name can be
 * used again.
 */
@Entity
@Table(name = "unit_type")
public class UnitTypeRecord extends PanacheEntityBase {

    @Id
    public UUID id;

    public String name;

    /** The name as the list sorts it: case-insensitively. */
    @Formula("lower(name)")
    public String sortName;

    public String description;

    public String meter;

    public String aggregation;

    @Column(name = "auto_provision")
    public boolean autoProvision;

    public String currency;

    @Column(name = "commit_units")
    public BigDecimal commitUnits;

    @Column(name = "base_price")
    public BigDecimal basePrice;

    @Column(name = "overage_rate")
    public BigDecimal overageRate;

    @Column(name = "filter_on")
    public String filterOn;

    @Column(name = "filter_pattern")
    public String filterPattern;

    /** The optimistic lock, and the revision the API and the catalog topic show: 1 when made, one more per change. */
    @Version
    public int revision;

    public boolean deleted;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    void apply(UnitTypeRequest r) {
        name = r.name().trim();
        description = r.description();
        meter = r.meter();
        aggregation = r.aggregation();
        autoProvision = Boolean.TRUE.equals(r.autoProvision());
        currency = r.currency();
        commitUnits = r.commitUnits();
        basePrice = r.basePrice();
        overageRate = r.overageRate();
        filterOn = r.filterOn();
        filterPattern = r.filterPattern();
    }

    UnitType view() {
        return new UnitType(id, name, description, meter, aggregation, autoProvision, currency,
                Decimals.stored(commitUnits), Decimals.stored(basePrice), Decimals.stored(overageRate), filterOn,
                filterPattern, revision, createdAt.atOffset(ZoneOffset.UTC), updatedAt.atOffset(ZoneOffset.UTC));
    }

    UnitTypeChanged toEvent() {
        return view().toEvent(deleted);
    }
}
