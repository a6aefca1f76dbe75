package io.meterline.metering;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.meterline.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Builders and shortcuts for metering tests: meters, events, ingest, and what the database holds. */
public final class Metering {

    private Metering() {
    }

    public static String unique(String name) {
        return name + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Defines a meter and returns its apiName. */
    public static String meter(String aggregation, String uniqueBy, String... dimensions) {
        String name = unique(aggregation.toLowerCase(java.util.Locale.ROOT));
        Map<String, Object> body = map("apiName", name, "displayName", name, "unit", "units", "aggregation", aggregation,
                "dimensions", Arrays.asList(dimensions));
        if (uniqueBy != null) {
            body.put("uniqueBy", uniqueBy);
        }
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/meters").then().statusCode(201);
        return name;
    }

    public static Map<String, Object> event(String id, String meter, String customer, String timestamp, Object value) {
        Map<String, Object> event = map("id", id, "meter", meter, "timestamp", timestamp);
        if (customer != null) {
            event.put("customer", customer);
        }
        if (value != null) {
            event.put("value", value);
        }
        return event;
    }

    public static Map<String, Object> with(Map<String, Object> event, Object... keysAndValues) {
        Map<String, Object> copy = new LinkedHashMap<>(event);
        copy.putAll(map(keysAndValues));
        return copy;
    }

    public static ValidatableResponse send(String token, List<?> events) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(events).when().post("/api/v1/events")
                .then();
    }

    public static ValidatableResponse send(List<?> events) {
        return send(TestTokens.operator(), events);
    }

    /** Waits until the database holds {@code expected} events of the customer (or asset scope). */
    public static void awaitStored(String scope, long expected) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> count("SELECT count(*) FROM meter_event WHERE scope = ?", scope) == expected);
    }

    /** Waits until the database holds {@code expected} events of the meter for the customer (or asset scope). */
    public static void awaitStored(String scope, String meter, long expected) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> count("SELECT count(*) FROM meter_event WHERE scope = ? AND meter = ?", scope, meter)
                        == expected);
    }

    /** Announces a client as billing-service does (CloudEvents on meterline.billing.events) and waits for it. */
    public static void billingClient(String externalId, boolean enabled) {
        java.util.UUID id = java.util.UUID.nameUUIDFromBytes(externalId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String body = "{\"schemaVersion\":1,\"id\":\"" + id + "\",\"revision\":" + System.nanoTime()
                + ",\"externalId\":\"" + externalId + "\",\"name\":\"" + externalId + "\",\"currency\":\"USD\","
                + "\"timeZone\":\"UTC\",\"enabled\":" + enabled + ",\"startsAt\":\"2026-01-01T00:00:00Z\"}";
        io.meterline.testing.EventFeed.publish(io.meterline.contracts.Topics.BILLING_EVENTS,
                io.meterline.contracts.billing.BillingEvents.clientKey(id),
                io.meterline.contracts.billing.BillingEvents.CLIENT_CHANGED,
                io.meterline.contracts.billing.BillingEvents.SOURCE, body, java.util.UUID.randomUUID().toString());
        await().atMost(java.time.Duration.ofSeconds(20)).until(() -> count(
                "SELECT count(*) FROM billing_client WHERE external_id = ? AND enabled = ?", externalId, enabled) == 1);
    }

    public static long count(String sql, Object... args) {
        Config config = ConfigProvider.getConfig();
        try (Connection c = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
             PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<Map<String, Object>> events(int n, String meter, String customer, String timestamp) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(event("e-" + i, meter, customer, timestamp, String.valueOf(i + 1)));
        }
        return events;
    }

    public static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
