package io.meterline.billing.buckets;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A client's commitment for one unit type: {@code commitUnits} per period for {@code basePrice}, and
 * {@code overageRate} per unit above it. It counts the client's usage of the unit type's meter from its bound
 * assets or, with none bound, the rest of the client's usage of that meter.
 */
@Entity
@Table(name = "bucket")
public class Bucket extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "client_id")
    public UUID clientId;

    @Column(name = "unit_type_id")
    public UUID unitTypeId;

    /** The unit type's meter when the bucket was made; the bucket keeps counting it. */
    public String meter;

    public String name;

    @Column(name = "source_type")
    public String sourceType;

    @Column(name = "commit_units")
    public BigDecimal commitUnits;

    @Column(name = "base_price")
    public BigDecimal basePrice;

    @Column(name = "overage_rate")
    public BigDecimal overageRate;

    @Column(name = "starts_at")
    public Instant startsAt;

    @Column(name = "ends_at")
    public Instant endsAt;

    public boolean reviewed;

    public boolean enabled;

    @Column(name = "auto_provisioned")
    public boolean autoProvisioned;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;

    /** Whether the bucket is active at some point of {@code [from, to)}. */
    public boolean overlaps(Instant from, Instant to) {
        return startsAt.isBefore(to) && (endsAt == null || endsAt.isAfter(from));
    }
}
