package io.meterline.metering.suppressions;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An ingest suppression rule as admins make and remove it. */
@Entity
@Table(name = "suppression")
public class SuppressionRecord extends PanacheEntityBase {

    @Id
    public UUID id;

    public String pattern;

    /** ASSET, SOURCE or CUSTOMER. */
    public String target;

    public String reason;

    /** Counted by the ingest path in batches, by SQL that leaves the version alone. */
    @Column(name = "dropped_count")
    public long droppedCount;

    @Column(name = "created_at")
    public Instant createdAt;

    @Version
    public long version;

    SuppressionRule view() {
        return new SuppressionRule(id, pattern, target, reason, droppedCount, createdAt.atOffset(ZoneOffset.UTC));
    }
}
