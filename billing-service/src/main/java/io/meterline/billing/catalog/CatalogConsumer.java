package io.meterline.billing.catalog;

import static io.meterline.platform.messaging.CloudEventRecords.header;
import static io.meterline.platform.messaging.CloudEventRecords.where;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.meterline.contracts.catalog.CatalogEvents;
import io.meterline.contracts.catalog.DiscountChanged;
import io.meterline.contracts.catalog.PlanVersionPublished;
import io.meterline.contracts.catalog.UnitTypeChanged;
import io.meterline.platform.messaging.ProcessedEvents;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Keeps billing's copy of the catalog: unit types, published plan versions and discounts from
 * {@code meterline.pricing.catalog}. Each event is applied once (its CloudEvents id is recorded in the same
 * transaction), and an older revision never overwrites a newer one. A record that cannot be read goes to the
 * channel's dead-letter topic.
 */
@ApplicationScoped
public class CatalogConsumer {

    private static final Logger LOG = Logger.getLogger(CatalogConsumer.class);
    static final String CONSUMER = "billing-catalog";

    @Inject
    ObjectMapper json;

    @Incoming("catalog")
    @WithTransaction
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        String id = header(record, "ce_id");
        String type = header(record, "ce_type");
        if (id == null || type == null || record.value() == null) {
            throw new IllegalArgumentException("Not a catalog CloudEvent: " + where(record)
                    + " has no ce_id, ce_type or value");
        }
        return Panache.getSession().chain(session -> ProcessedEvents.firstTime(session, CONSUMER, id))
                .chain(first -> first ? apply(type, record.value()) : Uni.createFrom().voidItem());
    }

    private Uni<Void> apply(String type, String value) {
        return switch (type) {
            case CatalogEvents.UNIT_TYPE_CHANGED -> unitType(read(value, UnitTypeChanged.class));
            case CatalogEvents.PLAN_VERSION_PUBLISHED -> planVersion(read(value, PlanVersionPublished.class));
            case CatalogEvents.DISCOUNT_CHANGED -> discount(read(value, DiscountChanged.class));
            default -> {
                LOG.debugf("Ignoring catalog event of type %s, which billing does not use", type);
                yield Uni.createFrom().voidItem();
            }
        };
    }

    private Uni<Void> unitType(UnitTypeChanged event) {
        return UnitType.<UnitType> findById(event.id()).chain(found -> {
            if (found != null && found.revision >= event.revision()) {
                return Uni.createFrom().voidItem();
            }
            UnitType unitType = found != null ? found : new UnitType();
            unitType.apply(event);
            return unitType.persist().replaceWithVoid();
        });
    }

    private Uni<Void> planVersion(PlanVersionPublished event) {
        return PlanVersion.<PlanVersion> findById(new PlanVersion.Key(event.planId(), event.version())).chain(found -> {
            if (found != null) {
                return Uni.createFrom().voidItem(); // published versions never change
            }
            PlanVersion version = new PlanVersion();
            version.planId = event.planId();
            version.version = event.version();
            version.kind = event.kind();
            version.name = event.name();
            version.currency = event.currency();
            version.client = event.client();
            version.effectiveFrom = event.effectiveFrom();
            version.publishedAt = event.publishedAt();
            version.charges = write(event.charges());
            return version.persist().replaceWithVoid();
        });
    }

    private Uni<Void> discount(DiscountChanged event) {
        return PlanDiscount.<PlanDiscount> findById(event.id()).chain(found -> {
            if (found != null && found.revision >= event.revision()) {
                return Uni.createFrom().voidItem();
            }
            PlanDiscount discount = found != null ? found : new PlanDiscount();
            discount.apply(event);
            return discount.persist().replaceWithVoid();
        });
    }

    private <T> T read(String value, Class<T> type) {
        try {
            return json.readValue(value, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Unreadable " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

}
