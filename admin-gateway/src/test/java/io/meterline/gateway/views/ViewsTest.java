package io.meterline.gateway.views;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.meterline.gateway.GatewayTest;
import io.meterline.gateway.routing.DownstreamServices;
import io.meterline.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

/** The aggregated screens: every panel read at once; one whose service is down, slow or refusing says so. */
@QuarkusTest
@GatewayTest
class ViewsTest {

    private static final String CLIENT = "3f2b9c1e-8d4a-4c6b-9e1f-2a7d5c8b0e13";

    @BeforeEach
    void reset() {
        DownstreamServices.RECEIVED.clear();
        DownstreamServices.SCRIPT.clear();
    }

    @AfterEach
    void releaseHeldAnswers() {
        DownstreamServices.release();
    }

    private static void script(String path, int status, String body, String... headers) {
        Map<String, String> h = new java.util.HashMap<>(Map.of("Content-Type", "application/json"));
        for (int i = 0; i < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        DownstreamServices.SCRIPT.put(path, new DownstreamServices.Answer(status, h, body));
    }

    @Test
    void theDashboardRendersWithItsProjectionPanelsDown() {
        String token = TestTokens.viewer();
        script("/metering/api/v1/assets", 200, "{\"items\":[{\"id\":\"vm-1\"}],\"total\":7}");
        script("/billing/api/v1/billing-runs", 200, "{\"items\":[{\"status\":\"COMPLETED\"}],\"total\":3}");
        script("/billing/q/health/ready", 503, "{\"status\":\"DOWN\",\"checks\":[{\"name\":\"Database\","
                + "\"status\":\"DOWN\"}]}");

        given().auth().oauth2(token).when().get("/api/v1/views/dashboard").then().statusCode(200)
                .body("panels.newAssets.status", equalTo("ok"))
                .body("panels.newAssets.data.total", equalTo(7))
                // Where it came from, so a caller can read further pages there.
                .body("panels.newAssets.source", equalTo("/api/v1/assets?new=true&size=5"))
                .body("panels.summary.source", containsString("/api/v1/"))
                .body("panels.lastBillingRun.data.items[0].status", equalTo("COMPLETED"))
                // A service that is not ready is still read: its check that is down is the panel's content.
                .body("panels.billingHealth.status", equalTo("ok"))
                .body("panels.billingHealth.data.status", equalTo("DOWN"))
                .body("panels.meteringHealth.status", equalTo("ok"))
                // projection-service cannot be reached here.
                .body("panels.summary.status", equalTo("unavailable"))
                .body("panels.summary.service", equalTo("projection-service"))
                .body("panels.summary.data", nullValue())
                .body("panels.summary.error", containsString("projection-service"))
                .body("panels.projectionHealth.status", equalTo("unavailable"));

        assertThat(DownstreamServices.RECEIVED).anySatisfy(r -> {
            assertThat(r.path()).isEqualTo("/metering/api/v1/assets");
            assertThat(r.query()).isEqualTo("new=true&size=5");
            assertThat(r.headers()).containsEntry("Authorization", "Bearer " + token);
        });
        assertThat(DownstreamServices.RECEIVED).filteredOn(r -> r.path().endsWith("/q/health/ready"))
                .hasSize(3).allSatisfy(r -> assertThat(r.headers()).doesNotContainKey("Authorization"));
    }

    @Test
    void aSlowServiceCostsItsPanelNotThePage() {
        script("/billing/api/v1/billing-runs", 200, "{\"items\":[]}", "X-Hold", "true");
        DownstreamServices.hold();
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/views/health").then().statusCode(200)
                .time(lessThan(4_000L))
                .body("panels.lastBillingRun.status", equalTo("unavailable"))
                .body("panels.lastBillingRun.error", containsString("did not answer within 1000 ms"))
                .body("panels.meteringHealth.status", equalTo("ok"));
    }

    @Test
    void aClientsPageReadsBillingAndProjectionsForThatClient() {
        script("/billing/api/v1/clients/" + CLIENT, 200, "{\"id\":\"" + CLIENT + "\",\"name\":\"Acme\"}");
        script("/billing/api/v1/invoices", 403, "{\"status\":403,\"title\":\"Forbidden\",\"detail\":\"Not yours\"}");
        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/views/clients/" + CLIENT).then()
                .statusCode(200)
                .body("panels.client.data.name", equalTo("Acme"))
                .body("panels.buckets.status", equalTo("ok"))
                .body("panels.invoices.status", equalTo("unavailable"))
                .body("panels.invoices.serviceStatus", equalTo(403))
                .body("panels.invoices.error", containsString("Not yours"))
                .body("panels.projections.status", equalTo("unavailable"));
        assertThat(DownstreamServices.RECEIVED).anySatisfy(r -> {
            assertThat(r.path()).isEqualTo("/billing/api/v1/buckets");
            assertThat(r.query()).isEqualTo("client=" + CLIENT + "&size=500");
        });
    }

    @Test
    void anUnknownClientIs404() {
        script("/billing/api/v1/clients/" + CLIENT, 404, "{\"status\":404,\"title\":\"Not found\"}");
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/views/clients/" + CLIENT).then()
                .statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/views/clients/not-a-uuid").then()
                .statusCode(404).contentType("application/problem+json");
    }

    @Test
    void theMarginScreenReadsItsWindowAndRefusesABadOne() {
        given().auth().oauth2(TestTokens.viewer()).queryParam("from", "2026-09-01T00:00:00Z")
                .queryParam("to", "2026-12-01T00:00:00Z").when().get("/api/v1/views/margin").then().statusCode(200)
                .body("panels.unassignedAssets.status", equalTo("ok"))
                .body("panels.byClient.status", equalTo("unavailable"));
        assertThat(DownstreamServices.RECEIVED).anySatisfy(r -> assertThat(r.query())
                .isEqualTo("unassigned=true&size=5"));

        DownstreamServices.RECEIVED.clear();
        given().auth().oauth2(TestTokens.viewer()).queryParam("from", "last tuesday").when()
                .get("/api/v1/views/margin").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("from"));
        given().auth().oauth2(TestTokens.viewer()).queryParam("from", "2026-12-01T00:00:00Z")
                .queryParam("to", "2026-09-01T00:00:00Z").when().get("/api/v1/views/margin").then().statusCode(400)
                .body("errors[0].field", equalTo("to"));
        assertThat(DownstreamServices.RECEIVED).as("a bad window reads nothing").isEmpty();
    }

    @Test
    void overUnderTakesAKnownStatusOnly() {
        given().auth().oauth2(TestTokens.viewer()).queryParam("status", "OVER").when()
                .get("/api/v1/views/over-under").then().statusCode(200)
                .body("panels.unitTypes.status", equalTo("ok"));
        given().auth().oauth2(TestTokens.viewer()).queryParam("status", "sideways").when()
                .get("/api/v1/views/over-under").then().statusCode(400).body("errors[0].field", equalTo("status"));
    }

    @Test
    void viewsNeedAToken() {
        given().when().get("/api/v1/views/dashboard").then().statusCode(401).contentType("application/problem+json");
        assertThat(DownstreamServices.RECEIVED).isEmpty();
    }
}
