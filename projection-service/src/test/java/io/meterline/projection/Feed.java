package io.meterline.projection;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.meterline.contracts.Topics;
import io.meterline.contracts.billing.BillingEvents;
import io.meterline.contracts.billing.BucketChanged;
import io.meterline.contracts.billing.ClientChanged;
import io.meterline.contracts.billing.InvoiceFinalized;
import io.meterline.contracts.billing.SubscriptionChanged;
import io.meterline.contracts.catalog.CatalogEvents;
import io.meterline.contracts.catalog.ChargeSpec;
import io.meterline.contracts.catalog.PlanVersionPublished;
import io.meterline.contracts.catalog.PriceSpec;
import io.meterline.contracts.catalog.UnitTypeChanged;
import io.meterline.contracts.usage.MeteredUsageEvent;
import io.meterline.rating.periods.BillingCycle;
import io.meterline.testing.EventFeed;
import io.quarkus.arc.Arc;

/**
 * Publishes what metering, pricing and billing publish, the way their relays do (CloudEvents binary mode, the same
 * keys), so projection's tests run on its real consumers.
 */
public final class Feed {

    public static final Instant YEAR_START = Instant.parse("2026-01-01T00:00:00Z");

    private Feed() {
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static ClientChanged client(String externalId, String currency, String timeZone) {
        ClientChanged c = new ClientChanged(ClientChanged.SCHEMA_VERSION, UUID.randomUUID(), 1, externalId,
                "Client " + externalId, currency, timeZone, true, YEAR_START, null, BillingCycle.CALENDAR_MONTH);
        billing(BillingEvents.clientKey(c.id()), BillingEvents.CLIENT_CHANGED, c);
        return c;
    }

    public static UnitTypeChanged unitType(String meter, String aggregation) {
        UnitTypeChanged u = new UnitTypeChanged(UnitTypeChanged.SCHEMA_VERSION, UUID.randomUUID(), 1,
                unique(meter), null, meter, aggregation, false, "USD", null, null, null, null, null, false);
        catalog(CatalogEvents.unitTypeKey(u.id()), CatalogEvents.UNIT_TYPE_CHANGED, u);
        return u;
    }

    public static BucketChanged bucket(ClientChanged client, UnitTypeChanged unitType, String commit, String base,
            String overage, List<String> assets) {
        BucketChanged b = new BucketChanged(BucketChanged.SCHEMA_VERSION, UUID.randomUUID(), 1, client.id(),
                client.externalId(), unitType.id(), unitType.meter(), "Bucket " + unitType.name(), "k8s",
                new BigDecimal(commit), new BigDecimal(base), new BigDecimal(overage), client.currency(), YEAR_START,
                null, false, true, assets);
        billing(BillingEvents.clientKey(client.id()), BillingEvents.BUCKET_CHANGED, b);
        return b;
    }

    public static SubscriptionChanged subscription(ClientChanged client, UUID plan) {
        SubscriptionChanged s = new SubscriptionChanged(SubscriptionChanged.SCHEMA_VERSION, UUID.randomUUID(), 1,
                client.id(), client.externalId(), plan, YEAR_START, null, false);
        billing(BillingEvents.clientKey(client.id()), BillingEvents.SUBSCRIPTION_CHANGED, s);
        return s;
    }

    /** A one-charge PER_UNIT plan (kind PRICE or COST) on a meter, in effect all year. */
    public static PlanVersionPublished perUnitPlan(String kind, String meter, String unitPrice, String currency,
            String client) {
        ChargeSpec charge = new ChargeSpec(meter, meter, meter, new PriceSpec("PER_UNIT", null,
                new BigDecimal(unitPrice), null, null, null, null, null, null, null, null), null);
        PlanVersionPublished p = new PlanVersionPublished(PlanVersionPublished.SCHEMA_VERSION, UUID.randomUUID(),
                kind, unique(kind.toLowerCase(java.util.Locale.ROOT) + "-plan"), currency, client, 1, YEAR_START, YEAR_START, "test",
                List.of(charge));
        catalog(CatalogEvents.planVersionKey(kind, p.planId(), 1), CatalogEvents.PLAN_VERSION_PUBLISHED, p);
        return p;
    }

    public static void invoice(InvoiceFinalized invoice) {
        billing(BillingEvents.clientKey(invoice.client()), BillingEvents.INVOICE_FINALIZED, invoice);
    }

    /**
     * {@code hours} hours before {@code now}, kept inside the open calendar month (UTC) of the tests' clients: in the
     * first hours of a month those times are in the last one, whose period is closed, so the usage would count for
     * nothing. Such times are moved into the month's first second, still in order (more hours ago, earlier).
     */
    public static Instant hoursAgo(Instant now, int hours) {
        Instant at = now.minus(hours, ChronoUnit.HOURS);
        Instant monthStart = now.atZone(ZoneOffset.UTC).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).toInstant();
        return at.isBefore(monthStart) ? monthStart.plusMillis(1000 / (hours + 1)) : at;
    }

    /** A metered event as metering's relay sends it. */
    public static MeteredUsageEvent usage(String customer, String meter, String asset, Instant at, String value,
            Map<String, String> dimensions) {
        return new MeteredUsageEvent(MeteredUsageEvent.SCHEMA_VERSION, UUID.randomUUID().toString(), customer, meter,
                customer, customer, asset, "test", at, new BigDecimal(value), dimensions, Instant.now());
    }

    public static void metered(MeteredUsageEvent... events) {
        for (MeteredUsageEvent e : events) {
            EventFeed.publish(Topics.USAGE_METERED, e.client(), MeteredUsageEvent.TYPE,
                    "/meterline/metering-service", json(e), UUID.randomUUID().toString());
        }
    }

    public static void meteredRaw(String key, String body) {
        EventFeed.publish(Topics.USAGE_METERED, key, MeteredUsageEvent.TYPE,
                "/meterline/metering-service", body, UUID.randomUUID().toString());
    }

    public static void billing(String key, String type, Object payload) {
        EventFeed.publish(Topics.BILLING_EVENTS, key, type, BillingEvents.SOURCE, json(payload),
                UUID.randomUUID().toString());
    }

    public static void catalog(String key, String type, Object payload) {
        EventFeed.publish(Topics.PRICING_CATALOG, key, type, CatalogEvents.SOURCE, json(payload),
                UUID.randomUUID().toString());
    }

    public static String json(Object payload) {
        try {
            return Arc.container().instance(ObjectMapper.class).get().writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
