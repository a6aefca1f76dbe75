package io.meterline.projection.alerts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** What to watch (kind, threshold), where (all clients, one client, bucket or meter), and the webhook to tell. */
@Entity
@Table(name = "alert_rule")
public class AlertRule extends PanacheEntityBase {

    @Id
    public UUID id;

    public String name;

    @Enumerated(EnumType.STRING)
    public AlertKind kind;

    @Column(name = "client_id")
    public UUID clientId;

    @Column(name = "bucket_id")
    public UUID bucketId;

    public String meter;

    public BigDecimal threshold;

    @Column(name = "warning_at")
    public BigDecimal warningAt;

    @Column(name = "webhook_url")
    public String webhookUrl;

    /** The HMAC key of the webhook's signatures; shown once, when the rule is created. */
    @Column(name = "webhook_secret")
    public String webhookSecret;

    public boolean enabled;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;
}
