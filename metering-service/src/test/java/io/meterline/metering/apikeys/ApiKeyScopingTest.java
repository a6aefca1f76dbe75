package io.meterline.metering.apikeys;

import static io.meterline.metering.Metering.awaitStored;
import static io.meterline.metering.Metering.event;
import static io.meterline.metering.Metering.map;
import static io.meterline.metering.Metering.meter;
import static io.meterline.metering.Metering.send;
import static io.meterline.metering.Metering.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.meterline.metering.MeteringTest;
import io.meterline.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@MeteringTest
class ApiKeyScopingTest {

    @Inject
    ApiKeyIdentityProvider provider;

    private final String now = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();

    private static JsonPath createKey(String role, String customer) {
        return given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(map("name", "key-" + role, "role", role, "customer", customer))
                .when().post("/api/v1/api-keys").then().statusCode(201).extract().jsonPath();
    }

    @Test
    void aKeyScopedToOneCustomerCanNeitherWriteNorReadAnother() {
        String meter = meter("SUM", null);
        String a = unique("tenant-a");
        String b = unique("tenant-b");
        String ingestA = createKey("ingest", a).getString("key");
        String readA = createKey("read", a).getString("key");

        send(ingestA, List.of(event("1", meter, a, now, "5"), event("2", meter, b, now, "9")))
                .statusCode(202).body("accepted", equalTo(1), "rejected[0].code", equalTo("customer_out_of_scope"));
        send(TestTokens.operator(), List.of(event("3", meter, b, now, "9"))).statusCode(202);
        awaitStored("c:" + a, 1);
        awaitStored("c:" + b, 1);

        Map<String, Object> all = map("meter", meter, "from", "2026-01-01T00:00:00Z",
                "to", Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS).toString(),
                "groupBy", List.of("customer"));
        given().auth().oauth2(readA).contentType(ContentType.JSON).body(all).when().post("/api/v1/usage/query")
                .then().statusCode(200).body("rows.customer", contains(a), "rows.value", contains("5"));
        Map<String, Object> other = map("meter", meter, "customer", b, "from", "2026-01-01T00:00:00Z",
                "to", Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS).toString());
        given().auth().oauth2(readA).contentType(ContentType.JSON).body(other).when().post("/api/v1/usage/query")
                .then().statusCode(404);

        // Each key does only its own job.
        send(readA, List.of(event("4", meter, a, now, "1"))).statusCode(403);
        given().auth().oauth2(ingestA).contentType(ContentType.JSON).body(all).when().post("/api/v1/usage/query")
                .then().statusCode(403);
        given().auth().oauth2(ingestA).when().get("/api/v1/api-keys").then().statusCode(403);
        given().auth().oauth2(ingestA).when().get("/api/v1/whoami").then().statusCode(200)
                .body("authentication", equalTo("api_key"), "roles", contains("ingest"));
    }

    @Test
    void disabledRevokedAndUnknownKeysAre401AndTheSecretIsNeverListed() {
        String meter = meter("SUM", null);
        String customer = unique("tenant");
        JsonPath created = createKey("ingest", customer);
        String key = created.getString("key");
        String id = created.getString("apiKey.id");
        send(key, List.of(event("1", meter, customer, now, "1"))).statusCode(202);

        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/api-keys").then().statusCode(200)
                .body("find { it.id == '" + id + "' }", not(hasKey("key")),
                        "find { it.id == '" + id + "' }.prefix", equalTo(key.substring(0, 11)));

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("enabled", false))
                .when().patch("/api/v1/api-keys/" + id).then().statusCode(200).body("enabled", equalTo(false));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> send(key, List.of()).statusCode(401));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("enabled", true))
                .when().patch("/api/v1/api-keys/" + id).then().statusCode(200);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> send(key, List.of()).statusCode(202));
        given().auth().oauth2(TestTokens.admin()).when().delete("/api/v1/api-keys/" + id).then().statusCode(204);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> send(key, List.of()).statusCode(401)
                .contentType("application/problem+json"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("enabled", true))
                .when().patch("/api/v1/api-keys/" + id).then().statusCode(409);

        send("mlk_not-a-real-key", List.of()).statusCode(401);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("meterline_apikeys_rejected_total"));
    }

    /**
     * Issue 12: every key a caller sent, found or not, stayed cached, keyed by what it sent: random keys grew the
     * cache without bound. Now a key of the wrong shape is refused without a lookup, and only keys that exist are kept.
     */
    @Test
    void randomKeysAre401AndLeaveNothingCached() {
        String customer = unique("cached");
        String key = createKey("ingest", customer).getString("key");
        provider.forget();
        for (int i = 0; i < 50; i++) {
            send(ApiKeySecrets.newKey(), List.of()).statusCode(401); // well-formed, unknown: looked up, not kept
            send("mlk_" + i, List.of()).statusCode(401); // malformed: refused before any lookup
        }
        assertThat(provider.cached()).isZero();
        send(key, List.of()).statusCode(202);
        assertThat(provider.cached()).isEqualTo(1);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("reason=\"malformed\""));
    }

    /** Issue 12: an API key over its events per second gets 429 with Retry-After, and its batch is not kept. */
    @Test
    void aKeyOverItsRateIs429AndItsRefusedBatchStoresNothing() {
        String meter = meter("SUM", null);
        String customer = unique("eager");
        String key = createKey("ingest", customer).getString("key");
        List<Map<String, Object>> first = new java.util.ArrayList<>();
        List<Map<String, Object>> second = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) { // the test profile's burst: 1,000 events, then 500 per second
            first.add(event("a-" + i, meter, customer, now, "1"));
            second.add(event("b-" + i, meter, customer, now, "1"));
        }
        send(key, first).statusCode(202);
        send(key, second).statusCode(429).contentType("application/problem+json")
                .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .body("type", equalTo("https://meterline.io/problems/rate-limited"));
        // Sent again as a client would, after its Retry-After: accepted once the bucket has refilled.
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> send(key, second).statusCode(202));
        awaitStored("c:" + customer, 2000);
        // OIDC callers are not limited: an operator sends right after.
        send(List.of(event("c-1", meter, customer, now, "1"))).statusCode(202);
        awaitStored("c:" + customer, 2001);
    }

    @Test
    void badKeyRequestsAre400AndViewersCannotMakeKeys() {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(map("name", "x", "role", "admin"))
                .when().post("/api/v1/api-keys").then().statusCode(400).body("errors.field", contains("role"));
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON).body(map("name", "x", "role", "read"))
                .when().post("/api/v1/api-keys").then().statusCode(403);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("name", "y"))
                .when().patch("/api/v1/api-keys/" + java.util.UUID.randomUUID()).then().statusCode(400);
        // Neither coerced nor ignored: a string for enabled, or a field that cannot change.
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("enabled", "false"))
                .when().patch("/api/v1/api-keys/" + java.util.UUID.randomUUID()).then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("enabled"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("enabled", false, "role", "read"))
                .when().patch("/api/v1/api-keys/" + java.util.UUID.randomUUID()).then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("role"));
    }
}
