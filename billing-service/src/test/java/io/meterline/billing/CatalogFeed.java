package io.meterline.billing;

import static io.restassured.RestAssured.given;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.meterline.contracts.Topics;
import io.meterline.contracts.catalog.CatalogEvents;
import io.meterline.contracts.catalog.ChargeSpec;
import io.meterline.contracts.catalog.DiscountChanged;
import io.meterline.contracts.catalog.PlanVersionPublished;
import io.meterline.contracts.catalog.UnitTypeChanged;
import io.meterline.testing.EventFeed;
import io.meterline.testing.TestTokens;
import io.quarkus.arc.Arc;

/**
 * Publishes catalog events as pricing-service does (CloudEvents binary mode on the compacted catalog topic), so that
 * billing's tests run on the real consumer, and waits until billing has applied them.
 */
public final class CatalogFeed {

    private CatalogFeed() {
    }

    /** A SUM unit type in USD with a full template, published and applied; returns its name. */
    public static UnitTypeChanged unitType(String meter, String commit, String base, String overage) {
        UnitTypeChanged event = new UnitTypeChanged(UnitTypeChanged.SCHEMA_VERSION, UUID.randomUUID(), 1,
                Billing.unique(meter), null, meter, "SUM", false, "USD", dec(commit), dec(base), dec(overage), null,
                null, false);
        publish(CatalogEvents.unitTypeKey(event.id()), CatalogEvents.UNIT_TYPE_CHANGED, event);
        awaitUnitType(event.name());
        return event;
    }

    public static void publish(UnitTypeChanged event) {
        publish(CatalogEvents.unitTypeKey(event.id()), CatalogEvents.UNIT_TYPE_CHANGED, event);
    }

    /** Publishes a price or cost-rate version and waits until billing has it. */
    public static PlanVersionPublished planVersion(String kind, UUID planId, int version, String currency,
            String client, Instant effectiveFrom, List<ChargeSpec> charges) {
        PlanVersionPublished event = new PlanVersionPublished(PlanVersionPublished.SCHEMA_VERSION, planId, kind,
                "plan-" + planId.toString().substring(0, 8), currency, client, version, effectiveFrom,
                Instant.parse("2026-01-01T00:00:00Z"), "test", charges);
        publish(CatalogEvents.planVersionKey(kind, planId, version), CatalogEvents.PLAN_VERSION_PUBLISHED, event);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> planApplied(planId, version));
        return event;
    }

    public static void discount(DiscountChanged event) {
        publish(CatalogEvents.discountKey(event.id()), CatalogEvents.DISCOUNT_CHANGED, event);
    }

    public static void awaitUnitType(String name) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(TestTokens.viewer())
                .queryParam("unitType", name).when().get("/api/v1/buckets").statusCode() == 200);
    }

    private static boolean planApplied(UUID planId, int version) {
        return BillingDatabase.count("SELECT count(*) FROM plan_version WHERE plan_id = ? AND version = ?", planId,
                version) == 1;
    }

    public static void publish(String key, String type, Object payload) {
        publishWithId(key, type, payload, UUID.randomUUID().toString());
    }

    /** With a given CloudEvents id, as a relay that sends an event again after a crash would. */
    public static void publishWithId(String key, String type, Object payload, String eventId) {
        try {
            publishRaw(key, type, Arc.container().instance(ObjectMapper.class).get().writeValueAsString(payload),
                    eventId);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void publishRaw(String key, String type, String body) {
        publishRaw(key, type, body, UUID.randomUUID().toString());
    }

    private static void publishRaw(String key, String type, String body, String eventId) {
        EventFeed.publish(Topics.PRICING_CATALOG, key, type, CatalogEvents.SOURCE, body, eventId);
    }

    private static BigDecimal dec(String value) {
        return value == null ? null : new BigDecimal(value);
    }
}
