package io.meterline.projection.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.meterline.contracts.billing.InvoiceFinalized;
import io.meterline.contracts.billing.InvoiceFinalized.ReadingSummary;
import io.meterline.projection.Feed;
import io.meterline.projection.ProjectionWithMeteringTest;
import io.meterline.testing.MeteringServiceResource;
import io.meterline.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Usage sent through metering's real API flows to projection's real-time totals; billing's invoice for the period
 * says what it billed. The score compares the three, and lists where they differ. March 2025, which no other test
 * uses.
 */
@QuarkusTest
@ProjectionWithMeteringTest
class ReconciliationStoryTest {

    static final Instant MAR = Instant.parse("2025-03-01T00:00:00Z");
    static final Instant APR = Instant.parse("2025-04-01T00:00:00Z");

    @Test
    void meteringRealTimeAndBilledTotalsAreComparedPerClientPeriodAndMeter() {
        String customer = Feed.unique("recon");
        String agreed = meter();
        String underBilled = meter();
        send(List.of(event(agreed, customer, "2025-03-03T10:00:00Z", "40"),
                event(agreed, customer, "2025-03-20T10:00:00Z", "2.5"),
                event(underBilled, customer, "2025-03-05T10:00:00Z", "10")));
        UUID client = UUID.randomUUID();
        Feed.invoice(new InvoiceFinalized(InvoiceFinalized.SCHEMA_VERSION, UUID.randomUUID(), "USD-2025-R1", client,
                customer, MAR, APR, "USD", new BigDecimal("50.00"), APR, APR.plus(Duration.ofDays(30)), List.of(
                        reading(agreed, "42.5"), reading(underBilled, "9")), List.of()));

        JsonPath report = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> given().auth()
                .oauth2(TestTokens.viewer()).queryParam("from", MAR.toString()).queryParam("to", APR.toString())
                .when().get("/api/v1/analytics/reconciliation").then().statusCode(200).extract().jsonPath(),
                r -> r.getInt("compared") == 2 && r.getList("disagreements").size() == 1
                        && "10".equals(r.getString("disagreements[0].realTime")));
        assertThat(report.getInt("agreeing")).isEqualTo(1);
        assertThat(report.getString("score")).isEqualTo("0.5000");
        assertThat(report.getMap("disagreements[0]")).containsEntry("meter", underBilled)
                .containsEntry("externalId", customer).containsEntry("metered", "10").containsEntry("billed", "9");
        given().auth().oauth2(TestTokens.viewer()).queryParam("from", APR.toString())
                .queryParam("to", MAR.toString()).when().get("/api/v1/analytics/reconciliation").then()
                .statusCode(400).contentType("application/problem+json");
    }

    static ReadingSummary reading(String meter, String usage) {
        return new ReadingSummary(UUID.randomUUID(), null, "k8s", null, meter, Map.of(), new BigDecimal(usage),
                null, null, null, null, null, new BigDecimal("25.00"), BigDecimal.ZERO);
    }

    static String meter() {
        String name = Feed.unique("m").replace('-', '_');
        metering().body(Map.of("apiName", name, "displayName", name, "aggregation", "SUM", "dimensions", List.of()))
                .when().post("/api/v1/meters").then().statusCode(201);
        return name;
    }

    static Map<String, Object> event(String meter, String customer, String at, String value) {
        return Map.of("id", UUID.randomUUID().toString(), "meter", meter, "customer", customer, "timestamp", at,
                "value", value);
    }

    /** An admin's audited backfill: events of any age. */
    static void send(List<Map<String, Object>> events) {
        metering().queryParam("backfill", true).body(events).when().post("/api/v1/events").then().statusCode(202);
    }

    static io.restassured.specification.RequestSpecification metering() {
        return given().baseUri(MeteringServiceResource.url()).auth().oauth2(TestTokens.admin())
                .contentType(ContentType.JSON);
    }
}
