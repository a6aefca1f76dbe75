package io.meterline.billing.clients;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.meterline.rating.periods.BillingCycle;
import io.meterline.rating.periods.BillingPeriods;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A customer who is billed. Its periods are computed in its own time zone. */
@Entity
@Table(name = "client")
public class Client extends PanacheEntityBase {

    @Id
    public UUID id;

    public String name;

    @Column(name = "external_id")
    public String externalId;

    public String currency;

    @Column(name = "time_zone")
    public String timeZone;

    @Enumerated(EnumType.STRING)
    @Column(name = "cycle_type")
    public BillingCycle.Type cycleType;

    @Column(name = "anchor_day")
    public Integer anchorDay;

    @Column(name = "starts_at")
    public Instant startsAt;

    @Column(name = "ends_at")
    public Instant endsAt;

    @Column(name = "grace_period_seconds")
    public long gracePeriodSeconds;

    @Column(name = "payment_terms_days")
    public int paymentTermsDays;

    public boolean enabled;

    @Column(name = "stripe_customer_id")
    public String stripeCustomerId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;

    public BillingCycle billingCycle() {
        return new BillingCycle(cycleType, anchorDay);
    }

    public Duration gracePeriod() {
        return Duration.ofSeconds(gracePeriodSeconds);
    }

    public BillingPeriods periods() {
        return new BillingPeriods(ZoneId.of(timeZone), billingCycle(), startsAt, endsAt);
    }
}
