package io.meterline.billing.lateusage;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A meter's late-usage policy. A meter without one follows the default, ADJUST_NEXT. */
@Entity
@Table(name = "late_usage_policy")
public class LateUsagePolicy extends PanacheEntityBase {

    public enum Policy {
        /** The next invoice carries an ADJUSTMENT per earlier period: re-rated now, less what was billed. */
        ADJUST_NEXT,
        /** Late usage is reported, and never billed. */
        REJECT
    }

    @Id
    public String meter;

    @Enumerated(EnumType.STRING)
    public Policy policy;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;
}
