package io.meterline.billing.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.meterline.contracts.catalog.DiscountChanged;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** Pricing's discount as billing last saw it: on a plan, on one charge of a plan, or negotiated for a client. */
@Entity
@Table(name = "plan_discount")
public class PlanDiscount extends PanacheEntityBase {

    @Id
    public UUID id;

    public int revision;

    public String name;

    /** PERCENT or AMOUNT. */
    public String type;

    public BigDecimal value;

    public String currency;

    /** PLAN, CHARGE or CLIENT. */
    public String scope;

    @Column(name = "plan_id")
    public UUID planId;

    @Column(name = "charge_key")
    public String chargeKey;

    /** The client's external id, for CLIENT discounts. */
    public String client;

    @Column(name = "valid_from")
    public Instant validFrom;

    @Column(name = "valid_until")
    public Instant validUntil;

    public boolean archived;

    void apply(DiscountChanged event) {
        id = event.id();
        revision = event.revision();
        name = event.name();
        type = event.type();
        value = event.value();
        currency = event.currency();
        scope = event.scope();
        planId = event.planId();
        chargeKey = event.chargeKey();
        client = event.client();
        validFrom = event.validFrom();
        validUntil = event.validUntil();
        archived = event.archived();
    }

    public DiscountChanged toEvent() {
        return new DiscountChanged(DiscountChanged.SCHEMA_VERSION, id, revision, name, type, value, currency, scope,
                planId, chargeKey, client, validFrom, validUntil, archived);
    }
}
