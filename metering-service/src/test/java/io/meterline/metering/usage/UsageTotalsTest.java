package io.meterline.metering.usage;

import static io.meterline.metering.Metering.awaitStored;
import static io.meterline.metering.Metering.map;
import static io.meterline.metering.Metering.meter;
import static io.meterline.metering.Metering.send;
import static io.meterline.metering.Metering.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.meterline.metering.MeteringTest;
import io.meterline.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@MeteringTest
class UsageTotalsTest {

    @Test
    void periodTotalsComePerMeterCustomerAssetAndDimensionSet() {
        String tokens = meter("SUM", null, "model");
        String peak = meter("MAX", null);
        String customer = unique("bill");
        String at = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        send(List.of(
                map("id", "1", "meter", tokens, "customer", customer, "timestamp", at, "value", "5", "dimensions", Map.of("model", "a")),
                map("id", "2", "meter", tokens, "customer", customer, "timestamp", at, "value", "7", "dimensions", Map.of("model", "a")),
                map("id", "3", "meter", tokens, "customer", customer, "timestamp", at, "value", "1", "dimensions", Map.of("model", "b")),
                map("id", "4", "meter", peak, "customer", customer, "timestamp", at, "value", "9"),
                map("id", "5", "meter", peak, "customer", customer, "timestamp", at, "value", "4")))
                .statusCode(202).body("accepted", equalTo(5));
        awaitStored("c:" + customer, 5);
        Map<String, Object> period = map("from", "2026-01-01T00:00:00Z",
                "to", Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS).toString(),
                "meters", List.of(peak, tokens), "customer", customer);
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON).body(period)
                .when().post("/api/v1/usage/totals").then().statusCode(200)
                .body("total", equalTo(3), "items.meter", contains(peak, tokens, tokens),
                        "items.value", contains("9", "12", "1"),
                        "items[1].dimensions.model", equalTo("a"), "items.customer", containsInAnyOrder(customer, customer, customer));
        Map<String, Object> overAllDimensions = new java.util.LinkedHashMap<>(period);
        overAllDimensions.put("groupByDimensions", false);
        overAllDimensions.put("meters", List.of(tokens));
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON).body(overAllDimensions)
                .when().post("/api/v1/usage/totals").then().statusCode(200)
                .body("total", equalTo(1), "items.value", contains("13"), "items[0].dimensions.size()", equalTo(0));
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON).body(period).queryParam("size", 1)
                .queryParam("page", 2).when().post("/api/v1/usage/totals").then().statusCode(200)
                .body("items.value", contains("1"), "total", equalTo(3));
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON)
                .body(map("from", "2026-02-01T00:00:00Z", "to", "2026-01-01T00:00:00Z"))
                .when().post("/api/v1/usage/totals").then().statusCode(400);
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON)
                .body(map("from", "2026-01-01T00:00:00Z", "to", "2026-02-01T00:00:00Z", "meters", List.of("nope")))
                .when().post("/api/v1/usage/totals").then().statusCode(400);
    }

    @Test
    void assetGroupsTotalAMaxOverTheGroupsAssetsAndTheRestSeparatelyForSeveralCustomers() {
        String peak = meter("MAX", null);
        String first = unique("grp");
        String second = unique("grp");
        String hour = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.HOURS).toString();
        String nodeA = unique("node-a");
        String nodeB = unique("node-b");
        send(List.of(
                map("id", "1", "meter", peak, "customer", first, "asset", nodeA, "timestamp", hour, "value", "4"),
                map("id", "2", "meter", peak, "customer", first, "asset", nodeB, "timestamp", hour, "value", "6"),
                map("id", "3", "meter", peak, "customer", first, "asset", unique("node-c"), "timestamp", hour,
                        "value", "11"),
                map("id", "4", "meter", peak, "customer", first, "timestamp", hour, "value", "2"),
                map("id", "5", "meter", peak, "customer", second, "timestamp", hour, "value", "3"),
                map("id", "6", "meter", peak, "customer", unique("other"), "timestamp", hour, "value", "99")))
                .statusCode(202).body("accepted", equalTo(6));
        awaitStored("c:" + first, 4);
        awaitStored("c:" + second, 1);
        Map<String, Object> period = map("from", "2026-01-01T00:00:00Z",
                "to", Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS).toString(),
                "meters", List.of(peak), "customers", List.of(second, first),
                "assetGroups", List.of(map("meter", peak, "group", "bucket-1", "assets", List.of(nodeA, nodeB))));
        // first's grouped assets peak at 6 together; its other usage (node-c and no asset) peaks at 11.
        String firstSorted = first.compareTo(second) < 0 ? first : second;
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON).body(period)
                .when().post("/api/v1/usage/totals").then().statusCode(200)
                .body("total", equalTo(3), "items.customer", containsInAnyOrder(first, first, second),
                        "items.findAll { it.customer == '" + first + "' }.assetGroup", contains(null, "bucket-1"),
                        "items.findAll { it.customer == '" + first + "' }.value", contains("11", "6"),
                        "items.findAll { it.customer == '" + second + "' }.value", contains("3"),
                        "items[0].customer", equalTo(firstSorted));
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON).body(period)
                .queryParam("size", 2).queryParam("page", 5).when().post("/api/v1/usage/totals").then()
                .statusCode(200).body("items", org.hamcrest.Matchers.empty(), "total", equalTo(3));
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON)
                .body(map("from", "2026-01-01T00:00:00Z", "to", "2026-02-01T00:00:00Z", "assetGroups",
                        List.of(map("meter", peak, "group", "g", "assets", List.of("x", "x")))))
                .when().post("/api/v1/usage/totals").then().statusCode(400)
                .body("errors.field", contains("assetGroups[0].assets[1]"));
    }
}
