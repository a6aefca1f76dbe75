package io.meterline.billing;

import static io.restassured.RestAssured.given;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.meterline.testing.TestTokens;
import io.restassured.http.ContentType;

/** Small builders for billing requests, and shortcuts that create them through the API. */
public final class Billing {

    private Billing() {
    }

    /** A calendar-month client in UTC, billed in USD, with a unique external id. */
    public static Map<String, Object> client(String name) {
        return map("name", name, "externalId", unique(name), "currency", "USD", "timeZone", "UTC",
                "billingCycle", map("type", "CALENDAR_MONTH"), "startsAt", "2026-01-01T00:00:00Z");
    }

    public static Map<String, Object> anniversary(int anchorDay) {
        return map("type", "ANNIVERSARY", "anchorDay", anchorDay);
    }

    /** Creates a client and returns its id. */
    public static String createClient(Map<String, Object> client) {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(client)
                .when().post("/api/v1/clients").then().statusCode(201).extract().path("id");
    }

    public static String unique(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).replace(' ', '-') + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    public static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** A copy of {@code base} with the given keys replaced (a null value removes the key). */
    public static Map<String, Object> with(Map<String, Object> base, Object... keysAndValues) {
        Map<String, Object> copy = new LinkedHashMap<>(base);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] == null) {
                copy.remove((String) keysAndValues[i]);
            } else {
                copy.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return copy;
    }
}
