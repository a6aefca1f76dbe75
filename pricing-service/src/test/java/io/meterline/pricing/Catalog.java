package io.meterline.pricing;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.meterline.testing.TestTokens;
import io.restassured.http.ContentType;

/** Small builders for pricing requests, and shortcuts that create them through the API. */
public final class Catalog {

    private Catalog() {
    }

    public static Map<String, Object> perUnit(String unitPrice) {
        return map("model", "PER_UNIT", "unitPrice", unitPrice);
    }

    public static Map<String, Object> flat(String amount) {
        return map("model", "FLAT", "amount", amount);
    }

    public static Map<String, Object> graduated(Map<?, ?>... tiers) {
        return map("model", "GRADUATED", "tiers", List.of(tiers));
    }

    public static Map<String, Object> tier(String upTo, String unitPrice) {
        return map("upTo", upTo, "unitPrice", unitPrice);
    }

    public static Map<String, Object> charge(String key, String meter, Map<String, Object> price) {
        return map("key", key, "meter", meter, "description", key, "price", price);
    }

    /** A charge priced by dimension: pairs of (match, price), then an optional default. */
    public static Map<String, Object> chargeByDimension(String key, String meter, Map<String, Object> defaultPrice,
            Object... matchThenPrice) {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (int i = 0; i < matchThenPrice.length; i += 2) {
            rules.add(map("match", matchThenPrice[i], "price", matchThenPrice[i + 1]));
        }
        Map<String, Object> charge = map("key", key, "meter", meter, "dimensionPrices", rules);
        if (defaultPrice != null) {
            charge.put("price", defaultPrice);
        }
        return charge;
    }

    @SafeVarargs
    public static Map<String, Object> plan(String name, String currency, Map<String, Object>... charges) {
        return map("name", name, "currency", currency, "charges", Arrays.asList(charges));
    }

    /** Creates a price or cost-rate plan (path /api/v1/price-plans or /api/v1/cost-rates) and returns its id. */
    public static UUID create(String path, Map<String, Object> plan) {
        return UUID.fromString(given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(plan)
                .when().post(path).then().statusCode(201).extract().path("id"));
    }

    public static void publish(String path, UUID id, String effectiveFrom) {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(effectiveFrom == null ? Map.of() : Map.of("effectiveFrom", effectiveFrom))
                .when().post(path + "/" + id + "/publish").then().statusCode(201);
    }

    public static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
