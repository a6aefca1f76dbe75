package io.meterline.projection.state;

import static io.meterline.platform.messaging.CloudEventRecords.payload;
import static io.meterline.platform.messaging.CloudEventRecords.requireVersion;
import static io.meterline.platform.messaging.CloudEventRecords.where;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.meterline.contracts.billing.BillingEvents;
import io.meterline.contracts.billing.BucketChanged;
import io.meterline.contracts.billing.ClientChanged;
import io.meterline.contracts.billing.InvoiceFinalized;
import io.meterline.contracts.billing.InvoiceVoided;
import io.meterline.contracts.billing.SubscriptionChanged;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Follows {@code meterline.billing.events}: clients, buckets and subscriptions into {@link Replicas}, finalized and
 * voided invoices into {@link ClosedPeriods}. Each event applies once (its id is recorded in the same transaction);
 * a change marks its client for a recompute. A record that cannot be read is counted and goes to the dead-letter
 * topic; the consumer goes on.
 */
@ApplicationScoped
public class BillingEventsConsumer {

    static final String CHANNEL = "billing-events";
    static final String CONSUMER = "projection-billing";

    @Inject
    AppliedOnce appliedOnce;

    @Inject
    ObjectMapper json;

    @Inject
    Replicas replicas;

    @Inject
    ClosedPeriods closed;

    @Inject
    DirtyClients dirty;


    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return appliedOnce.apply(CHANNEL, CONSUMER, record, this::effect);
    }

    private Function<SqlConnection, Uni<Void>> effect(ConsumerRecord<String, String> record, String type) {
        switch (type) {
            case BillingEvents.CLIENT_CHANGED -> {
                ClientChanged c = payload(json, record, ClientChanged.class);
                requireVersion(record, type, c.schemaVersion(), ClientChanged.SCHEMA_VERSION);
                return tx -> replicas.put(tx, ReplicaKind.CLIENT, c.id().toString(), c.revision(), c.id(),
                        c.externalId(), c)
                        .chain(() -> dirty.mark(tx, c.externalId()));
            }
            case BillingEvents.BUCKET_CHANGED -> {
                BucketChanged b = payload(json, record, BucketChanged.class);
                requireVersion(record, type, b.schemaVersion(), BucketChanged.SCHEMA_VERSION);
                return tx -> replicas.put(tx, ReplicaKind.BUCKET, b.id().toString(), b.revision(), b.client(),
                        b.clientExternalId(), b)
                        .chain(() -> dirty.mark(tx, b.clientExternalId()));
            }
            case BillingEvents.SUBSCRIPTION_CHANGED -> {
                SubscriptionChanged s = payload(json, record, SubscriptionChanged.class);
                requireVersion(record, type, s.schemaVersion(), SubscriptionChanged.SCHEMA_VERSION);
                return tx -> replicas.put(tx, ReplicaKind.SUBSCRIPTION, s.id().toString(), s.revision(), s.client(),
                        s.clientExternalId(), s).chain(() -> dirty.mark(tx, s.clientExternalId()));
            }
            case BillingEvents.INVOICE_FINALIZED -> {
                InvoiceFinalized i = payload(json, record, InvoiceFinalized.class);
                requireVersion(record, type, i.schemaVersion(), InvoiceFinalized.SCHEMA_VERSION);
                // A closed period moves the open one: the client's projection starts over.
                return tx -> closed.record(tx, i).chain(() -> dirty.mark(tx, i.clientExternalId()));
            }
            case BillingEvents.INVOICE_VOIDED -> {
                InvoiceVoided v = payload(json, record, InvoiceVoided.class);
                requireVersion(record, type, v.schemaVersion(), InvoiceVoided.SCHEMA_VERSION);
                return tx -> closed.voided(tx, v);
            }
            default -> {
                if (type.startsWith("io.meterline.billing.") && !type.equals(BillingEvents.READING_FINALIZED)) {
                    throw new IllegalArgumentException(where(record) + ": unknown billing event type " + type);
                }
                return null;
            }
        }
    }
}
