package io.meterline.metering.assets;

import static io.meterline.metering.Metering.awaitStored;
import static io.meterline.metering.Metering.count;
import static io.meterline.metering.Metering.map;
import static io.meterline.metering.Metering.meter;
import static io.meterline.metering.Metering.send;
import static io.meterline.metering.Metering.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
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
class AssetsAndSuppressionsTest {

    private final String now = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();

    private Map<String, Object> assetEvent(String id, String meter, String asset, String value) {
        return map("id", id, "meter", meter, "asset", asset, "source", "k8s", "timestamp", now, "value", value);
    }

    private Map<String, Object> usageOf(String meter, String customer) {
        return map("meter", meter, "customer", customer, "from", "2026-01-01T00:00:00Z",
                "to", Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS).toString());
    }

    @Test
    void anAssetIsDiscoveredReviewedAssignedAndDisregarded() {
        String meter = meter("SUM", null);
        String asset = unique("node");
        String client = unique("client");
        send(List.of(assetEvent("1", meter, asset, "4"), assetEvent("2", meter, asset, "6"))).statusCode(202);
        awaitStored("a:" + asset, 2);

        given().auth().oauth2(TestTokens.viewer()).queryParam("new", true).queryParam("unassigned", true)
                .queryParam("q", asset).when().get("/api/v1/assets")
                .then().statusCode(200).body("items.id", contains(asset), "items[0].source", equalTo("k8s"));
        given().auth().oauth2(TestTokens.operator()).when().post("/api/v1/assets/" + asset + "/ack")
                .then().statusCode(200).body("acknowledged", equalTo(true));
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("name", "Node 1", "enabled", true)).when().patch("/api/v1/assets/" + asset)
                .then().statusCode(200).body("name", equalTo("Node 1"));

        // Assigned: its earlier customer-less events now count for the client, which billing knows.
        io.meterline.metering.Metering.billingClient(client, true);
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON).body(usageOf(meter, client))
                .when().post("/api/v1/usage/query").then().statusCode(200).body("rows", empty());
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(Map.of("client", client))
                .when().put("/api/v1/assets/" + asset + "/client").then().statusCode(200).body("client", equalTo(client));
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON).body(usageOf(meter, client))
                .when().post("/api/v1/usage/query").then().statusCode(200).body("rows.value", contains("10"));
        given().auth().oauth2(TestTokens.viewer()).queryParam("days", 7).when().get("/api/v1/assets/" + asset + "/usage")
                .then().statusCode(200).body(meter + ".value", contains("10"));

        // Disregarded: out of the default list and the totals, history kept; restored: back.
        given().auth().oauth2(TestTokens.operator()).when().post("/api/v1/assets/" + asset + "/disregard")
                .then().statusCode(200).body("disregarded", equalTo(true));
        given().auth().oauth2(TestTokens.viewer()).queryParam("q", asset).when().get("/api/v1/assets")
                .then().statusCode(200).body("items.id", not(hasItem(asset)));
        given().auth().oauth2(TestTokens.viewer()).queryParam("q", asset).queryParam("disregarded", true)
                .when().get("/api/v1/assets").then().statusCode(200).body("items.id", contains(asset));
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON).body(usageOf(meter, client))
                .when().post("/api/v1/usage/query").then().statusCode(200).body("rows", empty());
        assertThat(count("SELECT count(*) FROM meter_event WHERE asset = ?", asset)).isEqualTo(2);
        given().auth().oauth2(TestTokens.operator()).when().post("/api/v1/assets/" + asset + "/restore")
                .then().statusCode(200).body("disregarded", equalTo(false));
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON).body(usageOf(meter, client))
                .when().post("/api/v1/usage/query").then().statusCode(200).body("rows.value", contains("10"));

        assertThat(count("SELECT count(*) FROM audit_log WHERE table_name = 'asset' AND record_id = ?", asset))
                .isEqualTo(5);
        assertThat(count("SELECT count(*) FROM outbox WHERE topic = 'meterline.metering.assets' AND record_key = ?", asset))
                .isEqualTo(6);
    }

    @Test
    void badAssetChangesAre4xxAndChangeNothing() {
        String meter = meter("SUM", null);
        String asset = unique("node");
        send(List.of(assetEvent("1", meter, asset, "1"))).statusCode(202);
        awaitStored("a:" + asset, 1);
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(Map.of("source", "x"))
                .when().patch("/api/v1/assets/" + asset).then().statusCode(400).body("errors.field", contains("source"));
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(Map.of("enabled", "yes"))
                .when().patch("/api/v1/assets/" + asset).then().statusCode(400);
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(Map.of("customer", "x"))
                .when().put("/api/v1/assets/" + asset + "/client").then().statusCode(400);
        // A client billing does not know, or has disabled, is refused and the asset stays unassigned.
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("client", unique("stranger"))).when().put("/api/v1/assets/" + asset + "/client")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", contains("client"));
        String disabled = unique("disabled");
        io.meterline.metering.Metering.billingClient(disabled, false);
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(Map.of("client", disabled))
                .when().put("/api/v1/assets/" + asset + "/client").then().statusCode(400)
                .body("detail", org.hamcrest.Matchers.containsString("disabled"));
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/assets/" + asset).then().statusCode(200)
                .body("client", org.hamcrest.Matchers.nullValue());
        given().auth().oauth2(TestTokens.viewer()).when().post("/api/v1/assets/" + asset + "/ack").then().statusCode(403);
        given().auth().oauth2(TestTokens.operator()).when().post("/api/v1/assets/" + unique("none") + "/ack")
                .then().statusCode(404);
        given().auth().oauth2(TestTokens.viewer()).queryParam("days", 0).when().get("/api/v1/assets/" + asset + "/usage")
                .then().statusCode(400);
        // Found by the body fuzzing (issue 12): text with U+0000 was a 500 here and on POST /api/v1/meters.
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body("{\"client\":\"\\u0000\"}")
                .when().put("/api/v1/assets/" + asset + "/client").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", contains("client"),
                        "errors.message", contains(org.hamcrest.Matchers.containsString("U+0000")));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{\"apiName\":\"nul_unit\","
                + "\"displayName\":\"x\",\"unit\":\"\\u0000\",\"aggregation\":\"SUM\",\"dimensions\":[]}")
                .when().post("/api/v1/meters").then().statusCode(400).body("errors.field", contains("unit"));
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/meters/nul_unit").then().statusCode(404);
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/assets/" + asset).then().statusCode(200)
                .body("acknowledged", equalTo(false), "client", equalTo(null), "enabled", equalTo(true));
    }

    @Test
    void theAssetListSortsByTheFieldsAskedAndNamesThemWhenOneIsUnknown() {
        String meter = meter("SUM", null);
        String prefix = unique("sorted");
        List<String> assets = List.of(prefix + "-a", prefix + "-b", prefix + "-c");
        send(List.of(assetEvent("1", meter, assets.get(0), "1"), assetEvent("2", meter, assets.get(1), "1"),
                assetEvent("3", meter, assets.get(2), "1"))).statusCode(202);
        assets.forEach(asset -> awaitStored("a:" + asset, 1));

        given().auth().oauth2(TestTokens.viewer()).queryParam("q", prefix).queryParam("sort", "-id")
                .when().get("/api/v1/assets").then().statusCode(200)
                .body("items.id", contains(assets.get(2), assets.get(1), assets.get(0)));
        given().auth().oauth2(TestTokens.viewer()).queryParam("q", prefix).queryParam("sort", "nope")
                .when().get("/api/v1/assets").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("sort"));
    }

    @Test
    void aSuppressionDropsMatchingEventsBeforeStorageAndCountsThem() {
        String meter = meter("SUM", null);
        String prefix = unique("loadtest");
        String id = given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(map("pattern", prefix + "-*", "target", "ASSET", "reason", "load tests"))
                .when().post("/api/v1/suppressions").then().statusCode(201).extract().path("id");
        String kept = unique("real");
        send(List.of(assetEvent("1", meter, prefix + "-1", "5"), assetEvent("2", meter, prefix + "-2", "5"),
                assetEvent("3", meter, kept, "5"))).statusCode(202).body("accepted", equalTo(1), "suppressed", equalTo(2));
        awaitStored("a:" + kept, 1);
        assertThat(count("SELECT count(*) FROM asset WHERE id LIKE ?", prefix + "%")).isZero();
        assertThat(count("SELECT count(*) FROM meter_event WHERE asset LIKE ?", prefix + "%")).isZero();
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/suppressions").then().statusCode(200)
                .body("find { it.id == '" + id + "' }.droppedCount", equalTo(2));

        given().auth().oauth2(TestTokens.operator()).when().delete("/api/v1/suppressions/" + id).then().statusCode(204);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> send(List.of(assetEvent("4", meter, prefix + "-3", "5")))
                .statusCode(202).body("accepted", equalTo(1)));
        awaitStored("a:" + prefix + "-3", 1);

        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(map("pattern", "*", "target", "HOST", "reason", ""))
                .when().post("/api/v1/suppressions").then().statusCode(400)
                .body("errors.field", contains("pattern", "target", "reason"));
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON)
                .body(map("pattern", "x*", "target", "ASSET", "reason", "r"))
                .when().post("/api/v1/suppressions").then().statusCode(403);
    }
}
