package io.meterline.metering.ingest;

import static io.meterline.metering.Metering.awaitStored;
import static io.meterline.metering.Metering.count;
import static io.meterline.metering.Metering.event;
import static io.meterline.metering.Metering.map;
import static io.meterline.metering.Metering.send;
import static io.meterline.metering.Metering.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.meterline.metering.MeteringTest;
import io.meterline.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Issue 15: meters defined as OpenMeter defines them, and CloudEvents taken as OpenMeter takes them. */
@QuarkusTest
@MeteringTest
class OpenMeterMetersTest {

    private static final String ONE = "application/cloudevents+json";
    private static final String BATCH = "application/cloudevents-batch+json";

    private final String now = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();

    private static ValidatableResponse createMeter(Map<String, Object> body) {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/meters").then();
    }

    private static String tokensMeter() {
        String name = unique("ai-tokens");
        createMeter(map("apiName", name, "displayName", "AI tokens", "aggregation", "SUM", "valueProperty", "$.tokens",
                "groupBy", map("model", "$.model", "type", "$.type"))).statusCode(201);
        return name;
    }

    private static ValidatableResponse sendCloudEvents(String contentType, String body) {
        return given().auth().oauth2(TestTokens.operator()).contentType(contentType).body(body)
                .when().post("/api/v1/events").then();
    }

    private String cloudEvent(String id, String type, String subject, String data) {
        return """
                {"specversion":"1.0","id":"%s","source":"llm-api-gateway","type":"%s","subject":"%s","time":"%s",
                 "data":%s}""".formatted(id, type, subject, now, data);
    }

    @Test
    void aMeterTakesValuePropertyAndGroupByAndReadsTheReadmeExample() {
        String name = unique("ai-tokens");
        createMeter(map("apiName", name, "displayName", "AI tokens", "aggregation", "SUM", "valueProperty", "$.tokens",
                "groupBy", map("model", "$.model", "type", "$.type")))
                .statusCode(201).body("dimensions", contains("model", "type"), "valueProperty", equalTo("$.tokens"),
                        "groupBy.model", equalTo("$.model"), "groupBy.type", equalTo("$.type"));
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/meters/" + name).then().statusCode(200)
                .body("dimensions", contains("model", "type"), "valueProperty", equalTo("$.tokens"),
                        "groupBy.type", equalTo("$.type"));

        String customer = unique("customer-acme-corp");
        sendCloudEvents(ONE, cloudEvent("evt_01234567", name, customer,
                "{\"model\":\"gpt-4\",\"type\":\"input\",\"tokens\":1250}"))
                .statusCode(202).body("accepted", equalTo(1));
        awaitStored("c:" + customer, 1);
        assertThat(count("SELECT count(*) FROM meter_event WHERE scope = ? AND value = 1250 "
                + "AND dims_key = '{\"model\":\"gpt-4\",\"type\":\"input\"}' AND source = 'llm-api-gateway'",
                "c:" + customer)).isEqualTo(1);
    }

    @Test
    void groupByMayBeGivenBesideDimensionsAndAChangeKeepsItsPaths() {
        String name = unique("calls");
        createMeter(map("apiName", name, "displayName", "Calls", "aggregation", "MAX", "dimensions", List.of("region"),
                "valueProperty", "$['in-flight']", "groupBy", map("model", "$.request.model")))
                .statusCode(201).body("dimensions", contains("region", "model"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(map("apiName", name, "displayName", "Calls", "aggregation", "MAX", "dimensions",
                        List.of("region"), "valueProperty", "$.inFlight", "groupBy", map("model", "$.model")))
                .when().put("/api/v1/meters/" + name).then().statusCode(200)
                .body("valueProperty", equalTo("$.inFlight"), "groupBy.model", equalTo("$.model"));
        assertThat(count("SELECT count(*) FROM audit_log WHERE table_name = 'meter' AND record_id = ? "
                + "AND new_values ->> 'valueProperty' = '$.inFlight'", name)).isEqualTo(1);
    }

    @Test
    void aMeterReadsTheCloudEventsOfItsEventTypeAndNoTypeFeedsTwoMeters() {
        String type = unique("prompt");
        String name = unique("tokens_total");
        createMeter(map("apiName", name, "displayName", "Tokens", "aggregation", "SUM", "eventType", type,
                "valueProperty", "$.tokens", "groupBy", map("model", "$.model")))
                .statusCode(201).body("eventType", equalTo(type), "groupBy.model", equalTo("$.model"));
        String customer = unique("typed");
        sendCloudEvents(ONE, cloudEvent("t-1", type, customer, "{\"tokens\":7,\"model\":\"o3\"}"))
                .statusCode(202).body("accepted", equalTo(1));
        awaitStored("c:" + customer, name, 1);

        createMeter(map("apiName", unique("other"), "displayName", "Other", "aggregation", "COUNT", "eventType", type))
                .statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("CloudEvents of type " + type + " already go to meter " + name));
        createMeter(map("apiName", type, "displayName", "Named as the type", "aggregation", "COUNT"))
                .statusCode(409).body("detail", containsString("Meter " + name + " reads the event type " + type));
        createMeter(map("apiName", unique("third"), "displayName", "Third", "aggregation", "COUNT", "eventType", name))
                .statusCode(409).body("detail", containsString("already go to meter " + name));
        createMeter(map("apiName", unique("bad"), "displayName", "Bad", "aggregation", "COUNT", "eventType", "a\tb"))
                .statusCode(400).body("errors.field", contains("eventType"));
        sendCloudEvents(ONE, cloudEvent("t-2", unique("nobody-reads"), customer, "{\"tokens\":1}"))
                .statusCode(400).body("errors[0].message", containsString("No meter reads CloudEvents of type"));
        // A meter with an eventType reads that type alone, not the type of its own name.
        sendCloudEvents(ONE, cloudEvent("t-3", name, customer, "{\"tokens\":1}"))
                .statusCode(400).body("errors[0].message", containsString("No meter reads CloudEvents of type " + "'" + name));
        assertThat(count("SELECT count(*) FROM meter WHERE event_type = ? OR api_name = ?", type, type)).isEqualTo(1);
    }

    @Test
    void badPathsAreRefusedByFieldAndChangeNothing() {
        String name = unique("bad");
        createMeter(map("apiName", name, "displayName", "Bad", "aggregation", "SUM", "valueProperty", "tokens",
                "groupBy", map("model", "$[0]", "ok", "$.ok")))
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("groupBy.model", "valueProperty"),
                        "errors.message", hasItem(containsString("it must start with $")));
        createMeter(map("apiName", name, "displayName", "Bad", "aggregation", "COUNT", "valueProperty", "$.n"))
                .statusCode(400).body("errors.field", contains("valueProperty"),
                        "errors[0].message", containsString("COUNT"));
        createMeter(map("apiName", name, "displayName", "Bad", "aggregation", "SUM", "groupBy", map("a b", "$.x")))
                .statusCode(400).body("errors.field", contains("groupBy"));
        createMeter(map("apiName", name, "displayName", "Bad", "aggregation", "UNIQUE_COUNT", "valueProperty",
                "$.user", "groupBy", map("user", "$.other"))).statusCode(400).body("errors.field", hasItem("valueProperty"));
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/meters/" + name).then().statusCode(404);

        String tokens = tokensMeter();
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(map("apiName", tokens, "displayName", "AI tokens", "aggregation", "SUM", "valueProperty",
                        "$.tokens[*]")).when().put("/api/v1/meters/" + tokens).then().statusCode(400)
                .body("errors.field", contains("valueProperty"));
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/meters/" + tokens).then().statusCode(200)
                .body("valueProperty", equalTo("$.tokens"), "groupBy.model", equalTo("$.model"));
        assertThat(count("SELECT count(*) FROM audit_log WHERE table_name = 'meter' AND record_id = ?", tokens))
                .isEqualTo(1);
    }

    @Test
    void aCloudEventsBatchWithAnInvalidEventIsRefusedWholeAndStoresNothing() {
        String tokens = tokensMeter();
        String customer = unique("whole");
        String batch = "[" + cloudEvent("ok-1", tokens, customer, "{\"tokens\":5}") + ","
                + cloudEvent("bad-1", tokens, customer, "{\"model\":\"gpt-4\"}") + ","
                + cloudEvent("bad-2", tokens, customer, "{\"tokens\":\"lots\"}") + "]";
        sendCloudEvents(BATCH, batch).statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Invalid events"), "errors.field", contains("[1]", "[2]"),
                        "errors[0].message", containsString("bad-1: missing_value: value at $.tokens in data"),
                        "errors[1].message", containsString("bad-2: invalid_value"),
                        "detail", containsString("2 of 3 CloudEvents are invalid, so none was stored."),
                        "detail", containsString("[1] bad-1: missing_value"));
        sendCloudEvents(ONE, cloudEvent("bad-3", tokens, customer, "{\"tokens\":true}"))
                .statusCode(400).body("detail", containsString("1 of 1 CloudEvent is invalid"));
        sendCloudEvents(ONE, "[" + cloudEvent("arr-1", tokens, customer, "{\"tokens\":1}") + "]")
                .statusCode(400).body("errors.field", contains("body"));
        // The server never invents an id: a retry of an event without one could not be recognised.
        sendCloudEvents(ONE, cloudEvent("", tokens, customer, "{\"tokens\":1}").replace("\"id\":\"\",", ""))
                .statusCode(400).body("errors[0].message", containsString("missing_id: id is required"));

        // Our JSON keeps its per-event answer: the valid event is kept beside the rejected one.
        String plain = io.meterline.metering.Metering.meter("SUM", null);
        send(List.of(event("p-1", plain, customer, now, "1"), event("p-2", plain, customer, now, "-1")))
                .statusCode(202).body("accepted", equalTo(1), "rejected[0].code", equalTo("negative_value"));
        // A sentinel sent after the refusals is stored; nothing of the refused CloudEvents is.
        sendCloudEvents(BATCH, "[" + cloudEvent("sentinel", tokens, customer, "{\"tokens\":\"2\"}") + "]")
                .statusCode(202).body("accepted", equalTo(1));
        awaitStored("c:" + customer, tokens, 1);
        assertThat(count("SELECT count(*) FROM meter_event WHERE scope = ? AND event_id <> 'sentinel' AND meter = ?",
                "c:" + customer, tokens)).isZero();
    }

    @Test
    void aRefusedBatchCountsNothingAsSuppressed() {
        String tokens = tokensMeter();
        String customer = unique("suppressed");
        String rule = given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(map("pattern", customer, "target", "CUSTOMER", "reason", "test traffic"))
                .when().post("/api/v1/suppressions").then().statusCode(201).extract().path("id");
        sendCloudEvents(BATCH, "[" + cloudEvent("s-1", tokens, customer, "{\"tokens\":1}") + ","
                + cloudEvent("s-2", tokens, customer, "{}") + "]").statusCode(400);
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/suppressions").then().statusCode(200)
                .body("find { it.id == '" + rule + "' }.droppedCount", equalTo(0));
        sendCloudEvents(BATCH, "[" + cloudEvent("s-1", tokens, customer, "{\"tokens\":1}") + "]").statusCode(202)
                .body("accepted", equalTo(0), "suppressed", equalTo(1));
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/suppressions").then().statusCode(200)
                .body("find { it.id == '" + rule + "' }.droppedCount", equalTo(1));
    }

    @Test
    void cloudEventReasonsNameCloudEventFields() {
        String tokens = tokensMeter();
        sendCloudEvents(ONE, """
                {"specversion":"1.0","id":"f-1","source":"gw","type":"%s","time":"%s","data":{"tokens":1}}"""
                .formatted(tokens, now)).statusCode(400)
                .body("errors[0].message", containsString("missing_subject: subject (or data.asset) is required"));
        sendCloudEvents(ONE, """
                {"specversion":"1.0","id":"f-2","source":"gw","type":"%s","subject":"acme","data":{"tokens":1}}"""
                .formatted(tokens)).statusCode(400)
                .body("errors[0].message", containsString("missing_timestamp: time is required"));
    }

    @Test
    void uniqueCountCountsTheDistinctValuesAtItsValueProperty() {
        String name = unique("users");
        createMeter(map("apiName", name, "displayName", "Users", "aggregation", "UNIQUE_COUNT",
                "valueProperty", "$.user.id")).statusCode(201)
                .body("uniqueBy", equalTo("id"), "dimensions", contains("id"), "groupBy.id", equalTo("$.user.id"));
        String customer = unique("uniq");
        StringBuilder batch = new StringBuilder("[");
        String[] users = { "u1", "u2", "u1", "u3" };
        for (int i = 0; i < users.length; i++) {
            batch.append(i == 0 ? "" : ",").append(cloudEvent("u-" + i, name, customer,
                    "{\"user\":{\"id\":\"" + users[i] + "\"}}"));
        }
        sendCloudEvents(BATCH, batch.append("]").toString()).statusCode(202).body("accepted", equalTo(4));
        awaitStored("c:" + customer, 4);
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON)
                .body(map("meter", name, "customer", customer, "from", Instant.parse(now).minus(1, ChronoUnit.DAYS)
                        .toString(), "to", Instant.parse(now).plus(2, ChronoUnit.HOURS).toString()))
                .when().post("/api/v1/usage/query").then().statusCode(200).body("rows.value", contains("3"));
    }
}
