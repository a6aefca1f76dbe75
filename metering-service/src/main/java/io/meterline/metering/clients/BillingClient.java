package io.meterline.metering.clients;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/** Metering's copy of one of billing's clients: whether an asset may be assigned to it. */
@Entity
@Table(name = "billing_client")
public class BillingClient extends PanacheEntityBase {

    @Id
    @Column(name = "client_id")
    public UUID clientId;

    /** The customer id events carry, which assets are assigned by. */
    @Column(name = "external_id")
    public String externalId;

    public boolean enabled;

    /** Billing's revision of the client: an older event never overwrites a newer one. */
    public long revision;

    /** The end of the last period billing invoiced the client for; null until its first invoice. */
    @Column(name = "billed_through")
    public Instant billedThrough;

    /** Whether billing has an enabled client with this external id; null when it has none at all. */
    public static Uni<Boolean> enabled(String externalId) {
        return BillingClient.<BillingClient> list("externalId", externalId).map(clients -> clients.isEmpty() ? null
                : clients.stream().anyMatch(c -> c.enabled));
    }
}
