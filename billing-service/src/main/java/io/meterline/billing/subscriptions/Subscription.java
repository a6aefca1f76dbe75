package io.meterline.billing.subscriptions;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A client on a price plan from {@code startsAt} until {@code endsAt}. Each period is rated with the plan version in
 * effect at the period's last instant; a plan change mid-period is one subscription ending and another starting.
 */
@Entity
@Table(name = "subscription")
public class Subscription extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "client_id")
    public UUID clientId;

    @Column(name = "price_plan_id")
    public UUID pricePlanId;

    @Column(name = "starts_at")
    public Instant startsAt;

    @Column(name = "ends_at")
    public Instant endsAt;

    /** Whether the plan also bills meters that a bucket of the client counts; by default the bucket wins. */
    @Column(name = "bill_meters_with_buckets")
    public boolean billMetersWithBuckets;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;

    public boolean overlaps(Instant from, Instant to) {
        return startsAt.isBefore(to) && (endsAt == null || endsAt.isAfter(from));
    }
}
