package io.meterline.billing;

import static io.restassured.RestAssured.given;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;

import io.meterline.testing.MeteringServiceResource;
import io.meterline.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Usage sent through metering's real API, as tenant services send it, and waited for until it is stored. */
public final class MeteringFeed {

    private MeteringFeed() {
    }

    private static RequestSpecification metering() {
        return given().baseUri(MeteringServiceResource.url()).auth().oauth2(TestTokens.admin())
                .contentType(ContentType.JSON);
    }

    /** Defines a meter and returns its name. */
    public static String meter(String aggregation, String... dimensions) {
        String name = Billing.unique("m").replace('-', '_');
        metering().body(Billing.map("apiName", name, "displayName", name, "aggregation", aggregation,
                "dimensions", List.of(dimensions))).when().post("/api/v1/meters").then().statusCode(201);
        return name;
    }

    public static Map<String, Object> event(String id, String meter, String customer, String timestamp,
            String value) {
        return Billing.map("id", id, "meter", meter, "customer", customer, "timestamp", timestamp, "value", value);
    }

    /** Sends events of any age (an admin's audited backfill) and waits until metering has stored them. */
    public static void send(List<Map<String, Object>> events) {
        metering().queryParam("backfill", true).body(events).when().post("/api/v1/events").then().statusCode(202)
                .body("accepted", org.hamcrest.Matchers.equalTo(events.size()));
    }

    /** Waits until metering's total of {@code meter} for {@code customer} over [from, to) is {@code expected}. */
    public static void awaitTotal(String meter, String customer, String from, String to, String expected) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<String> values = metering().body(Billing.map("from", from, "to", to, "meters", List.of(meter),
                    "customers", List.of(customer))).when().post("/api/v1/usage/totals").then().statusCode(200)
                    .extract().path("items.value");
            BigDecimal total = values.stream().map(BigDecimal::new).reduce(BigDecimal.ZERO, BigDecimal::add);
            return total.compareTo(new BigDecimal(expected)) == 0;
        });
    }
}
