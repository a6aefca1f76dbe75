package io.meterline.billing.assets;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** Metering's asset as billing last saw it: who it is assigned to, where its usage comes from. */
@Entity
@Table(name = "asset")
public class Asset extends PanacheEntityBase {

    @Id
    public String id;

    public String name;

    public String source;

    /** The external id of the client the asset is assigned to, or null. */
    public String client;

    public boolean enabled;

    public boolean disregarded;

    @Column(name = "last_seen")
    public Instant lastSeen;
}
