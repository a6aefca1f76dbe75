package io.meterline.metering.apikeys;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A tenant service's key: its hash, never the key itself. */
@Entity
@Table(name = "api_key")
public class ApiKeyRecord extends PanacheEntityBase {

    @Id
    public UUID id;

    public String name;

    /** {@code ingest} or {@code read}. */
    public String role;

    /** The customer it is scoped to; null for any. */
    public String customer;

    @Column(name = "key_hash")
    public String keyHash;

    @Column(name = "key_prefix")
    public String keyPrefix;

    public boolean enabled;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "created_at")
    public Instant createdAt;

    /** Written in batches off the request path, by a bulk update that leaves the version alone. */
    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    @Version
    public long version;

    ApiKey view() {
        return new ApiKey(id, name, role, customer, keyPrefix, enabled, utc(revokedAt), utc(createdAt),
                utc(lastUsedAt));
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }
}
