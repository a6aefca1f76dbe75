package io.meterline.billing.catalog;

import java.math.BigDecimal;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.meterline.contracts.catalog.UnitTypeChanged;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/** Pricing's unit type as billing last saw it: the bucket template, the meter and its aggregation. */
@Entity
@Table(name = "unit_type")
public class UnitType extends PanacheEntityBase {

    @Id
    public UUID id;

    public int revision;

    public String name;

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

    public boolean deleted;

    /** The live unit type with this id, or else this name; null when there is none. */
    public static Uni<UnitType> byIdOrName(String idOrName) {
        UUID id = null;
        try {
            id = UUID.fromString(idOrName);
        } catch (IllegalArgumentException e) {
            // a name
        }
        Uni<UnitType> found = id != null ? findById(id)
                : find("name = ?1 and deleted = false", idOrName).firstResult();
        return found.map(unitType -> unitType == null || unitType.deleted ? null : unitType);
    }

    void apply(UnitTypeChanged event) {
        id = event.id();
        revision = event.revision();
        name = event.name();
        description = event.description();
        meter = event.meter();
        aggregation = event.aggregation();
        autoProvision = event.autoProvision();
        currency = event.currency();
        commitUnits = event.commitUnits();
        basePrice = event.basePrice();
        overageRate = event.overageRate();
        filterOn = event.filterOn();
        filterPattern = event.filterPattern();
        deleted = event.deleted();
    }
}
