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

import io.meterline.contracts.catalog.CatalogEvents;
import io.meterline.contracts.catalog.DiscountChanged;
import io.meterline.contracts.catalog.PlanVersionPublished;
import io.meterline.contracts.catalog.UnitTypeChanged;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Follows {@code meterline.pricing.catalog}: plan versions (price and cost rates), discounts and unit types into
 * {@link Replicas}, each event once. A catalog change can move any client's projected revenue or cost, so it marks
 * every client for a recompute.
 */
@ApplicationScoped
public class CatalogConsumer {

    static final String CHANNEL = "catalog";
    static final String CONSUMER = "projection-catalog";

    @Inject
    AppliedOnce appliedOnce;

    @Inject
    ObjectMapper json;

    @Inject
    Replicas replicas;

    @Inject
    DirtyClients dirty;


    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return appliedOnce.apply(CHANNEL, CONSUMER, record, (r, type) -> {
            Function<SqlConnection, Uni<Boolean>> stored = effect(r, type);
            return stored == null ? null : tx -> stored.apply(tx)
                    .chain(changed -> changed ? dirty.markAll(tx) : Uni.createFrom().voidItem());
        });
    }

    private Function<SqlConnection, Uni<Boolean>> effect(ConsumerRecord<String, String> record, String type) {
        switch (type) {
            case CatalogEvents.PLAN_VERSION_PUBLISHED -> {
                PlanVersionPublished p = payload(json, record, PlanVersionPublished.class);
                requireVersion(record, type, p.schemaVersion(), PlanVersionPublished.SCHEMA_VERSION);
                // Published versions never change: revision 0, stored once.
                return tx -> replicas.put(tx, ReplicaKind.PLAN_VERSION, p.planId() + "/v" + p.version(), 0, null, null, p);
            }
            case CatalogEvents.DISCOUNT_CHANGED -> {
                DiscountChanged d = payload(json, record, DiscountChanged.class);
                requireVersion(record, type, d.schemaVersion(), DiscountChanged.SCHEMA_VERSION);
                return tx -> replicas.put(tx, ReplicaKind.DISCOUNT, d.id().toString(), d.revision(), null, null, d);
            }
            case CatalogEvents.UNIT_TYPE_CHANGED -> {
                UnitTypeChanged u = payload(json, record, UnitTypeChanged.class);
                requireVersion(record, type, u.schemaVersion(), UnitTypeChanged.SCHEMA_VERSION);
                return tx -> replicas.put(tx, ReplicaKind.UNIT_TYPE, u.id().toString(), u.revision(), null, null, u);
            }
            default -> {
                if (type.startsWith("io.meterline.pricing.")) {
                    throw new IllegalArgumentException(where(record) + ": unknown catalog event type " + type);
                }
                return null;
            }
        }
    }
}
