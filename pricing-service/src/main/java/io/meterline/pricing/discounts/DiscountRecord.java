package io.meterline.pricing.discounts;

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

import io.meterline.platform.db.Decimals;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A discount as stored. An archived one stays, for the audit log and {@code includeArchived=true}. */
@Entity
@Table(name = "discount")
public class DiscountRecord extends PanacheEntityBase {

    @Id
    public UUID id;

    public String name;

    /** The name as the list sorts it: case-insensitively. */
    @Formula("lower(name)")
    public String sortName;

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

    public String client;

    @Column(name = "valid_from")
    public Instant validFrom;

    @Column(name = "valid_until")
    public Instant validUntil;

    /** The optimistic lock, and the revision the API and the catalog topic show: 1 when made, one more per change. */
    @Version
    public int revision;

    public boolean archived;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    void apply(DiscountRequest r) {
        name = r.name().trim();
        type = r.type();
        value = r.value();
        currency = r.currency();
        scope = r.scope();
        planId = r.planId();
        chargeKey = r.chargeKey();
        client = r.client();
        validFrom = r.validFrom();
        validUntil = r.validUntil();
    }

    DiscountView view() {
        return new DiscountView(id, name, type, Decimals.stored(value), currency, scope, planId, chargeKey, client,
                validFrom, validUntil, revision, archived, createdAt.atOffset(ZoneOffset.UTC),
                updatedAt.atOffset(ZoneOffset.UTC));
    }
}
