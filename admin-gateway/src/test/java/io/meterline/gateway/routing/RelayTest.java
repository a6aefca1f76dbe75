package io.meterline.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.meterline.gateway.GatewayTest;
import io.meterline.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

/** The one origin for admins: each call reaches the service that owns it, with the caller's own token. */
@QuarkusTest
@GatewayTest
class RelayTest {

    @AfterEach
    void releaseHeldAnswers() {
        DownstreamServices.release();
    }

    @BeforeEach
    void reset() {
        DownstreamServices.RECEIVED.clear();
        DownstreamServices.SCRIPT.clear();
    }

    @Test
    void aCallReachesTheOwningServiceWithTheCallersOwnToken() {
        String token = TestTokens.viewer();
        DownstreamServices.SCRIPT.put("/billing/api/v1/clients", new DownstreamServices.Answer(200,
                Map.of("Content-Type", "application/json", "ETag", "\"7\""), "{\"items\":[{\"name\":\"Acme\"}]}"));
        given().auth().oauth2(token).header("X-Request-Id", "r-1").cookie("q_session", "secret")
                .queryParam("page", 1).queryParam("size", 2).queryParam("sort", "name,-createdAt")
                .when().get("/api/v1/clients").then().statusCode(200).header("ETag", "\"7\"")
                .body("items[0].name", equalTo("Acme"));

        assertThat(DownstreamServices.RECEIVED).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.path()).isEqualTo("/billing/api/v1/clients");
            // The query goes as the caller encoded it: the service decodes it once.
            assertThat(r.query()).isEqualTo("page=1&size=2&sort=name%2C-createdAt");
            assertThat(r.headers()).containsEntry("Authorization", "Bearer " + token)
                    .containsEntry("X-Request-Id", "r-1").doesNotContainKey("Cookie");
        });
    }

    @Test
    void eachResourceGoesToItsOwner() {
        for (String path : new String[] { "meters", "assets/a-1", "unit-types", "price-plans/p/versions",
                "invoices/i-1/lines", "late-usage-policies/llm_tokens" }) {
            given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/" + path).then().statusCode(200);
        }
        assertThat(DownstreamServices.RECEIVED).extracting(DownstreamServices.Received::path).containsExactly(
                "/metering/api/v1/meters", "/metering/api/v1/assets/a-1", "/pricing/api/v1/unit-types",
                "/pricing/api/v1/price-plans/p/versions", "/billing/api/v1/invoices/i-1/lines",
                "/billing/api/v1/late-usage-policies/llm_tokens");
    }

    @Test
    void aBodyGoesAsSentAndWhatWasCreatedIsNamedAtTheGateway() {
        DownstreamServices.SCRIPT.put("/billing/api/v1/clients", new DownstreamServices.Answer(201,
                Map.of("Content-Type", "application/json", "Location", "http://127.0.0.1:"
                        + DownstreamServices.port + "/billing/api/v1/clients/c-9"), "{\"id\":\"c-9\"}"));
        String location = given().auth().oauth2(TestTokens.admin()).contentType("application/json")
                .body("{\"name\":\"Acme\",\"currency\":\"EUR\"}").when().post("/api/v1/clients").then()
                .statusCode(201).body("id", equalTo("c-9")).extract().header("Location");
        assertThat(location).endsWith("/api/v1/clients/c-9").doesNotContain(":" + DownstreamServices.port);
        assertThat(DownstreamServices.RECEIVED).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.body()).isEqualTo("{\"name\":\"Acme\",\"currency\":\"EUR\"}");
            assertThat(r.headers().get("Content-Type")).startsWith("application/json");
        });
    }

    @Test
    void theServicesAnswerPassesUnchangedRefusalsIncluded() {
        String problem = "{\"type\":\"https://meterline.io/problems/forbidden\",\"title\":\"Forbidden\",\"status\":403}";
        DownstreamServices.SCRIPT.put("/pricing/api/v1/unit-types/u-1", new DownstreamServices.Answer(403,
                Map.of("Content-Type", "application/problem+json"), problem));
        given().auth().oauth2(TestTokens.viewer()).contentType("application/json").body("{}").when()
                .delete("/api/v1/unit-types/u-1").then().statusCode(403).contentType("application/problem+json")
                .body("title", equalTo("Forbidden"));
        assertThat(DownstreamServices.RECEIVED).singleElement()
                .satisfies(r -> assertThat(r.method()).isEqualTo("DELETE"));
    }

    @Test
    void badCallsAreRefusedHereAndReachNoService() {
        given().when().get("/api/v1/clients").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2("not-a-token").when().get("/api/v1/clients").then().statusCode(401);
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/no-such-thing").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("/api/v1/no-such-thing"));
        // Dot segments are resolved by the HTTP server before routing: this is /api/q/metrics, not a relay.
        given().auth().oauth2(TestTokens.viewer()).urlEncodingEnabled(false).when()
                .get("/api/v1/clients/%2e%2e/%2e%2e/q/metrics").then().statusCode(404);
        given().auth().oauth2(TestTokens.viewer()).urlEncodingEnabled(false).when()
                .get("/api/v1/clients/x%2F..%2F..%2Fq").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("path"));
        assertThat(DownstreamServices.RECEIVED).isEmpty();
    }

    @Test
    void aServiceThatIsDownIsA502AndASlowOneA504() {
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/projections").then().statusCode(502)
                .contentType("application/problem+json").body("detail", containsString("projection-service"));
        DownstreamServices.SCRIPT.put("/metering/api/v1/meters", new DownstreamServices.Answer(200,
                Map.of("Content-Type", "application/json", "X-Hold", "true"), "{}"));
        DownstreamServices.hold();
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/meters").then().statusCode(504)
                .contentType("application/problem+json").body("title", equalTo("Gateway timeout"));
    }

    @Test
    void theGatewaysOwnEndpointsAreNotRelayed() {
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/whoami").then().statusCode(200);
        assertThat(DownstreamServices.RECEIVED).isEmpty();
    }
}
