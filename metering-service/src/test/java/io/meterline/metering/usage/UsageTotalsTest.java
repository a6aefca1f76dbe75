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
}
