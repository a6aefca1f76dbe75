package io.meterline.gateway.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.meterline.gateway.GatewayTest;
import io.meterline.gateway.routing.DownstreamServices;
import io.meterline.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The audit log of every service as one: newest first, paged, and still there when a service is down. */
@QuarkusTest
@GatewayTest
class MergedAuditTest {

    @BeforeEach
    void logs() {
        DownstreamServices.RECEIVED.clear();
        DownstreamServices.SCRIPT.clear();
        log("metering", 2, entry(7, "2026-11-20T10:00:00Z", "api_key", "create"),
                entry(6, "2026-11-18T10:00:00Z", "asset", "acknowledge"));
        log("pricing", 1, entry(3, "2026-11-19T10:00:00Z", "price_plan", "publish"));
        log("billing", 3, entry(9, "2026-11-21T10:00:00Z", "client", "update"),
                entry(8, "2026-11-19T10:00:00Z", "client", "create"),
                entry(5, "2026-11-17T10:00:00Z", "bucket", "create"));
        // projection-service is down in these tests (DownstreamServices).
    }

    @Test
    void everyServicesChangesNewestFirstWithTheirService() {
        String token = TestTokens.viewer();
        JsonPath page = given().auth().oauth2(token).queryParam("size", 4).when().get("/api/v1/audit").then()
                .statusCode(200).body("unavailable", contains("projection")).extract().jsonPath();
        assertThat(page.getList("items.service", String.class)).containsExactly("billing", "metering", "billing",
                "pricing");
        assertThat(page.getList("items.table", String.class)).containsExactly("client", "api_key", "client",
                "price_plan");
        assertThat(page.getLong("total")).isEqualTo(6);
        // Each service read down to the page asked for, with the caller's own token.
        assertThat(DownstreamServices.RECEIVED).hasSize(3).allSatisfy(r -> {
            assertThat(r.query()).isEqualTo("page=0&size=4");
            assertThat(r.headers()).containsEntry("Authorization", "Bearer " + token);
        });

        given().auth().oauth2(token).queryParam("size", 4).queryParam("page", 1).when().get("/api/v1/audit").then()
                .statusCode(200).body("items.table", contains("asset", "bucket")).body("page", equalTo(1));
    }

    @Test
    void filtersGoToEveryService() {
        given().auth().oauth2(TestTokens.viewer()).queryParam("table", "price_plan").queryParam("recordId", "p 1")
                .when().get("/api/v1/audit").then().statusCode(200);
        assertThat(DownstreamServices.RECEIVED).hasSize(3)
                .allSatisfy(r -> assertThat(r.query()).isEqualTo("page=0&size=50&table=price_plan&recordId=p+1"));
    }

    @Test
    void aPageBeyondTheMergedDepthIsRefused() {
        given().auth().oauth2(TestTokens.viewer()).queryParam("size", 100).queryParam("page", 5).when()
                .get("/api/v1/audit").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("page"));
        given().auth().oauth2(TestTokens.viewer()).queryParam("size", 0).when().get("/api/v1/audit").then()
                .statusCode(400);
        given().when().get("/api/v1/audit").then().statusCode(401);
        assertThat(DownstreamServices.RECEIVED).isEmpty();
    }

    private static void log(String service, long total, String... entries) {
        DownstreamServices.SCRIPT.put("/" + service + "/api/v1/audit", new DownstreamServices.Answer(200,
                Map.of("Content-Type", "application/json"), "{\"items\":[" + String.join(",", entries)
                        + "],\"page\":0,\"size\":50,\"total\":" + total + "}"));
    }

    private static String entry(long id, String at, String table, String action) {
        return "{\"id\":" + id + ",\"occurredAt\":\"" + at + "\",\"actor\":\"u-1\",\"actorType\":\"user\","
                + "\"action\":\"" + action + "\",\"table\":\"" + table + "\",\"recordId\":\"r-" + id + "\","
                + "\"oldValues\":null,\"newValues\":{\"name\":\"x\"}}";
    }
}
