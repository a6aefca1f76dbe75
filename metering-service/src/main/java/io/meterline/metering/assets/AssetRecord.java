package io.meterline.metering.assets;

import java.time.Instant;
import java.time.ZoneOffset;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.Formula;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * An asset as admins change it. The ingest writer discovers assets and widens their sightings in hand-written SQL
 * (it upserts thousands per second); so the columns it owns are never written from here ({@code updatable = false}),
 * and an admin's change cannot put an older last-seen back.
 */
@Entity
@Table(name = "asset")
public class AssetRecord extends PanacheEntityBase {

    @Id
    public String id;

    public String name;

    /** The name as the list sorts it: case-insensitively. */
    @Formula("lower(name)")
    public String sortName;

    public String description;

    @Column(updatable = false)
    public String source;

    /** The client its customer-less events count for; null when unassigned. */
    public String client;

    public boolean acknowledged;

    public boolean enabled;

    public boolean disregarded;

    @Column(name = "first_seen", updatable = false)
    public Instant firstSeen;

    @Column(name = "last_seen", updatable = false)
    public Instant lastSeen;

    @Column(name = "created_at", updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;

    /** Takes the editable state of {@code changed}: name, description, client and the three flags. */
    void apply(Asset changed) {
        name = changed.name();
        description = changed.description();
        client = changed.client();
        acknowledged = changed.acknowledged();
        enabled = changed.enabled();
        disregarded = changed.disregarded();
    }

    Asset view() {
        return new Asset(id, name, description, source, client, acknowledged, enabled, disregarded,
                firstSeen.atOffset(ZoneOffset.UTC), lastSeen.atOffset(ZoneOffset.UTC),
                createdAt.atOffset(ZoneOffset.UTC), updatedAt.atOffset(ZoneOffset.UTC));
    }
}
