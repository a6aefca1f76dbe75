package io.meterline.projection.alerts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.meterline.contracts.Topics;
import io.meterline.contracts.billing.BucketChanged;
import io.meterline.contracts.billing.ClientChanged;
import io.meterline.contracts.catalog.UnitTypeChanged;
import io.meterline.contracts.projection.ProjectionEvents;
import io.meterline.projection.Feed;
import io.meterline.projection.ProjectionTest;
import io.meterline.testing.TestTokens;
import io.meterline.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Usage crosses a rule's warning and threshold; the alert goes to Kafka and to a signed, retried webhook. */
@QuarkusTest
@ProjectionTest
class AlertStoryTest {

    @Test
    void crossingTheCommitWarnsThenFiresOnceAndTheWebhookIsRetriedUntilDelivered() throws Exception {
        ClientChanged client = Feed.client(Feed.unique("alerted"), "USD", "UTC");
        UnitTypeChanged unitType = Feed.unitType("gpu_hours", "SUM");
        BucketChanged bucket = Feed.bucket(client, unitType, "100", "500.00", "6.00", List.of());
        awaitKnown(client);
        try (WebhookReceiver receiver = new WebhookReceiver(500)) {
            JsonPath rule = given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                    .body(Map.of("name", "GPU commit", "kind", "PERCENT_OF_COMMIT", "scope",
                            Map.of("client", client.id().toString(), "bucket", bucket.id().toString()),
                            "threshold", 80, "warningAt", 50, "webhook", Map.of("url", receiver.url())))
                    .when().post("/api/v1/alert-rules").then().statusCode(201)
                    .body("webhook.secret", startsWith("whsec_")).extract().jsonPath();
            String ruleId = rule.getString("id");
            receiver.expectSecret(rule.getString("webhook.secret"));
            given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/alert-rules/" + ruleId).then()
                    .statusCode(200).body(org.hamcrest.Matchers.not(containsString("whsec_")));

            Instant now = Instant.now();
            Feed.metered(Feed.usage(client.externalId(), "gpu_hours", "gpu-1", Feed.hoursAgo(now, 2), "60",
                    Map.of()));
            awaitStatus(ruleId, "WARNING");
            Feed.metered(Feed.usage(client.externalId(), "gpu_hours", "gpu-1", Feed.hoursAgo(now, 1), "30",
                    Map.of()));
            awaitStatus(ruleId, "FIRING");

            // The receiver answered 500, then 200: one delivery, two attempts, the same webhook-id, both signed.
            Map<String, Object> delivery = Awaitility.await().atMost(Duration.ofSeconds(30)).until(
                    () -> given().auth().oauth2(TestTokens.viewer()).when()
                            .get("/api/v1/alert-rules/" + ruleId + "/deliveries").then().statusCode(200).extract()
                            .jsonPath().<Map<String, Object>> getList("items").stream().findFirst().orElse(null),
                    d -> d != null && "DELIVERED".equals(d.get("status")));
            assertThat(delivery).containsEntry("attempts", 2);
            assertThat((List<Map<String, Object>>) delivery.get("log")).extracting(a -> a.get("statusCode"))
                    .containsExactly(500, 200);
            assertThat(receiver.received()).hasSize(2).allSatisfy(r -> {
                assertThat(r.signatureValid()).as(r.verifyError()).isTrue();
                assertThat(r.headers().get("webhook-id")).isEqualTo(delivery.get("id"));
                assertThat(r.body()).contains("\"type\":\"alert.firing\"", client.id().toString());
            });

            List<TopicReader.Message> events = TopicReader.await(Topics.PROJECTION_ALERTS,
                    m -> ruleId.equals(JsonPath.from(m.value()).getString("rule"))
                            && "FIRING".equals(JsonPath.from(m.value()).getString("status")),
                    Duration.ofSeconds(20));
            assertThat(events).anySatisfy(m -> {
                JsonPath event = JsonPath.from(m.value());
                assertThat(event.getBoolean("notified")).isTrue();
                assertThat(event.getString("previousStatus")).isEqualTo("WARNING");
                assertThat(m.header("ce_type")).isEqualTo(ProjectionEvents.ALERT_STATE_CHANGED);
            });

            // Still above: no second notification this period.
            Feed.metered(Feed.usage(client.externalId(), "gpu_hours", "gpu-1", Feed.hoursAgo(now, 1), "5",
                    Map.of()));
            JsonPath history = Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> given().auth()
                    .oauth2(TestTokens.viewer()).when().get("/api/v1/alert-rules/" + ruleId + "/history").then()
                    .extract().jsonPath(), h -> h.getList("items").size() >= 2);
            assertThat(history.getList("items.to", String.class)).containsExactly("FIRING", "WARNING");
            assertThat(history.getList("items.notified", Boolean.class)).containsExactly(true, false);
        }
    }

    @Test
    void badRulesAreRefusedAndStoreNothing() {
        ClientChanged client = Feed.client(Feed.unique("rules"), "USD", "UTC");
        ClientChanged other = Feed.client(Feed.unique("other"), "USD", "UTC");
        BucketChanged othersBucket = Feed.bucket(other, Feed.unitType("disk_gb", "MAX"), "10", "1.00", "0.10",
                List.of());
        awaitKnown(client);
        awaitKnown(other);
        long before = rules();
        refuse(400, Map.of("name", "x", "kind", "USAGE_THRESHOLD", "threshold", 1, "webhook",
                Map.of("url", "ftp://example.com/hook")), "webhook.url");
        refuse(400, Map.of("name", "x", "kind", "USAGE_THRESHOLD", "threshold", 1, "webhook",
                Map.of("url", "/relative")), "webhook.url");
        refuse(400, Map.of("name", "x", "kind", "SOMETHING"), "kind");
        refuse(400, Map.of("name", "x", "kind", "USAGE_THRESHOLD"), "threshold");
        refuse(400, Map.of("name", "x", "kind", "USAGE_THRESHOLD", "threshold", 10, "warningAt", 20), "warningAt");
        refuse(400, Map.of("name", "x", "kind", "MARGIN_BELOW", "threshold", 20, "warningAt", 10), "warningAt");
        refuse(404, Map.of("name", "x", "kind", "USAGE_THRESHOLD", "threshold", 1, "scope",
                Map.of("client", UUID.randomUUID().toString())), "No client");
        refuse(404, Map.of("name", "x", "kind", "USAGE_THRESHOLD", "threshold", 1, "scope",
                Map.of("client", client.id().toString(), "bucket", othersBucket.id().toString())), "No bucket");
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "kind", "USAGE_THRESHOLD", "threshold", 1)).when()
                .post("/api/v1/alert-rules").then().statusCode(403);
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/alert-rules/" + UUID.randomUUID()
                + "/deliveries").then().statusCode(404);
        given().auth().oauth2(TestTokens.viewer()).queryParam("status", "LOUD").when().get("/api/v1/alerts").then()
                .statusCode(400);
        assertThat(rules()).isEqualTo(before);
    }

    @Test
    void theRuleListSortsByTheFieldsAskedAndNamesThemWhenOneIsUnknown() {
        ClientChanged client = Feed.client(Feed.unique("sorted"), "USD", "UTC");
        awaitKnown(client);
        String prefix = Feed.unique("sorted");
        List<String> names = List.of(prefix + "-a", prefix + "-b", prefix + "-c");
        // Created out of order, so neither the creation order (the default) nor the name's gives the one asked for;
        // scoped to a client of their own with no usage, they never fire.
        for (String name : List.of(names.get(1), names.get(0), names.get(2))) {
            given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                    .body(Map.of("name", name, "kind", "USAGE_THRESHOLD", "threshold", 1_000_000, "scope",
                            Map.of("client", client.id().toString())))
                    .when().post("/api/v1/alert-rules").then().statusCode(201);
        }
        given().auth().oauth2(TestTokens.viewer()).queryParam("sort", "-name").queryParam("size", 500).when()
                .get("/api/v1/alert-rules").then().statusCode(200)
                .body("items.name.findAll { it.startsWith('" + prefix + "') }",
                        contains(names.get(2), names.get(1), names.get(0)));
        given().auth().oauth2(TestTokens.viewer()).queryParam("sort", "nope").when().get("/api/v1/alert-rules")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("sort"));
    }

    @Test
    void theAlertListPutsFiringFirstThenWarningThenOk() {
        ClientChanged client = Feed.client(Feed.unique("severity"), "USD", "UTC");
        UnitTypeChanged unitType = Feed.unitType("cpu_hours", "SUM");
        BucketChanged bucket = Feed.bucket(client, unitType, "100", "100.00", "1.00", List.of());
        awaitKnown(client);
        // 60 % of the commit: over the first rule's threshold, over the second's warning, under the third's.
        // Created OK, WARNING, FIRING: neither their creation order nor the status's spelling gives severity.
        List<String> rules = new java.util.ArrayList<>();
        for (int[] levels : new int[][] { { 95, 90 }, { 80, 50 }, { 10, 5 } }) {
            rules.add(given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                    .body(Map.of("name", "severity " + levels[0], "kind", "PERCENT_OF_COMMIT", "scope",
                            Map.of("client", client.id().toString(), "bucket", bucket.id().toString()),
                            "threshold", levels[0], "warningAt", levels[1]))
                    .when().post("/api/v1/alert-rules").then().statusCode(201).extract().jsonPath().getString("id"));
        }
        Feed.metered(Feed.usage(client.externalId(), "cpu_hours", "vm-1", Feed.hoursAgo(Instant.now(), 1),
                "60", Map.of()));
        awaitStatus(rules.get(2), "FIRING");
        awaitStatus(rules.get(1), "WARNING");
        awaitStatus(rules.get(0), "OK");

        // Rules that watch every client (another test may have made one) are in the client's list too: keep ours.
        String ours = "items.findAll { it.rule in ['" + String.join("','", rules) + "'] }.status";
        given().auth().oauth2(TestTokens.viewer()).queryParam("client", client.id().toString()).when()
                .get("/api/v1/alerts").then().statusCode(200)
                .body(ours, contains("FIRING", "WARNING", "OK"));
        given().auth().oauth2(TestTokens.viewer()).queryParam("client", client.id().toString())
                .queryParam("sort", "-status").when().get("/api/v1/alerts").then().statusCode(200)
                .body(ours, contains("OK", "WARNING", "FIRING"));
    }

    @Test
    void aRuleIsEditedInPlaceAndStartsOverWhenItWatchesSomethingElse() {
        ClientChanged client = Feed.client(Feed.unique("edited"), "USD", "UTC");
        UnitTypeChanged unitType = Feed.unitType("ram_gb_hours", "SUM");
        BucketChanged bucket = Feed.bucket(client, unitType, "100", "100.00", "1.00", List.of());
        awaitKnown(client);
        Map<String, Object> scope = Map.of("client", client.id().toString(), "bucket", bucket.id().toString());
        String ruleId = given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("name", "RAM commit", "kind", "PERCENT_OF_COMMIT", "scope", scope, "threshold", 50))
                .when().post("/api/v1/alert-rules").then().statusCode(201).extract().jsonPath().getString("id");
        Feed.metered(Feed.usage(client.externalId(), "ram_gb_hours", "vm-1", Feed.hoursAgo(Instant.now(), 1),
                "60", Map.of()));
        awaitStatus(ruleId, "FIRING");

        // A higher threshold: the same rule, the same id; the next evaluation brings it back to OK.
        JsonPath edited = given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("name", "RAM commit, relaxed", "kind", "PERCENT_OF_COMMIT", "scope", scope,
                        "threshold", 90, "warningAt", 80, "webhook", Map.of("url", "https://hooks.example.com/a")))
                .when().put("/api/v1/alert-rules/" + ruleId).then().statusCode(200)
                .body("id", equalTo(ruleId)).body("name", equalTo("RAM commit, relaxed"))
                .body("webhook.secret", startsWith("whsec_")).extract().jsonPath();
        String secret = edited.getString("webhook.secret");
        awaitStatus(ruleId, "OK");
        // The webhook moves; its secret stays, and is not shown again.
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("name", "RAM commit, relaxed", "kind", "PERCENT_OF_COMMIT", "scope", scope,
                        "threshold", 90, "warningAt", 80, "webhook", Map.of("url", "https://hooks.example.com/b")))
                .when().put("/api/v1/alert-rules/" + ruleId).then().statusCode(200)
                .body("webhook.url", equalTo("https://hooks.example.com/b"))
                .body(org.hamcrest.Matchers.not(containsString(secret)));

        // Another kind: the state of the old measure is gone until the new one is evaluated.
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("name", "RAM usage", "kind", "USAGE_THRESHOLD", "scope", scope, "threshold", 10))
                .when().put("/api/v1/alert-rules/" + ruleId).then().statusCode(200).body("kind",
                        equalTo("USAGE_THRESHOLD"));
        awaitStatus(ruleId, "FIRING");

        // Refused whole, nothing changed: a bad field, a viewer, an unknown rule.
        JsonPath before = given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/alert-rules/" + ruleId)
                .then().statusCode(200).extract().jsonPath();
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "kind", "USAGE_THRESHOLD", "threshold", 10, "warningAt", 20)).when()
                .put("/api/v1/alert-rules/" + ruleId).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("warningAt"));
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "kind", "USAGE_THRESHOLD", "threshold", 10)).when()
                .put("/api/v1/alert-rules/" + ruleId).then().statusCode(403);
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "kind", "USAGE_THRESHOLD", "threshold", 10)).when()
                .put("/api/v1/alert-rules/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/alert-rules/" + ruleId).then()
                .statusCode(200).body("name", equalTo(before.getString("name")))
                .body("threshold", equalTo(before.get("threshold")));
    }

    private static void refuse(int status, Map<String, Object> body, String detail) {
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(body).when()
                .post("/api/v1/alert-rules").then().statusCode(status).contentType("application/problem+json")
                .body(containsString(detail));
    }

    private static long rules() {
        return given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/alert-rules").then().statusCode(200)
                .extract().jsonPath().getLong("total");
    }

    static void awaitKnown(ClientChanged client) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(TestTokens.viewer())
                .queryParam("client", client.id().toString()).when().get("/api/v1/projections").statusCode() == 200);
    }

    static void awaitStatus(String ruleId, String status) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(TestTokens.viewer())
                .queryParam("rule", ruleId).when().get("/api/v1/alerts").then().extract().jsonPath()
                .getList("items.status", String.class).contains(status));
    }
}
