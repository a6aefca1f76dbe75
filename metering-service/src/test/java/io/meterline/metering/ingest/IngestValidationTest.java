package io.meterline.metering.ingest;

import static io.meterline.metering.Metering.awaitStored;
import static io.meterline.metering.Metering.count;
import static io.meterline.metering.Metering.event;
import static io.meterline.metering.Metering.map;
import static io.meterline.metering.Metering.meter;
import static io.meterline.metering.Metering.send;
import static io.meterline.metering.Metering.unique;
import static io.meterline.metering.Metering.with;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.meterline.metering.MeteringTest;
import io.meterline.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@MeteringTest
class IngestValidationTest {

    private final String now = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();

    @Test
    void everyRejectionReasonIsReportedAndOnlyTheValidEventIsStored() {
        String tokens = meter("SUM", null, "model");
        String calls = meter("COUNT", null);
        String customer = unique("acme");
        Map<String, Object> good = event("ok-1", tokens, customer, now, "10");
        List<Map<String, Object>> batch = List.of(
                good,
                event("bad-1", unique("nope"), customer, now, "1"),
                event("bad-2", tokens, customer, now, "-5"),
                event("bad-3", tokens, customer, now, "NaN"),
                event("bad-4", tokens, customer, Instant.now().plus(10, ChronoUnit.MINUTES).toString(), "1"),
                event("bad-5", tokens, customer, Instant.now().minus(40, ChronoUnit.DAYS).toString(), "1"),
                with(event("bad-6", tokens, customer, now, "1"), "dimensions", Map.of("colour", "red")),
                with(event("bad-7", tokens, customer, now, "1"), "dimensions", Map.of("model", "x".repeat(257))),
                event("bad-8", tokens, null, now, "1"),
                event(null, tokens, customer, now, "1"),
                event("bad-10", tokens, customer, "yesterday", "1"),
                event("bad-11", tokens, customer, now, null),
                with(event("bad-12", tokens, customer, now, "1"), "colour", "red"));
        send(batch).statusCode(202)
                .body("accepted", equalTo(1), "rejected", hasSize(12),
                        "rejected.code", contains("unknown_meter", "negative_value", "invalid_value",
                                "timestamp_in_future", "timestamp_too_old", "undeclared_dimension",
                                "dimension_too_long", "missing_subject", "missing_id", "invalid_timestamp",
                                "missing_value", "unknown_field"),
                        "rejected.index", contains(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12));

        // COUNT meters need no value.
        send(List.of(event("c-1", calls, customer, now, null))).statusCode(202).body("accepted", equalTo(1));
        awaitStored("c:" + customer, 2);
        assertThat(count("SELECT count(*) FROM meter_event WHERE scope = ? AND event_id LIKE 'bad-%'", "c:" + customer))
                .isZero();
    }

    @Test
    void aBatchOfOnlyInvalidEventsLeavesNoRowBehind() {
        String tokens = meter("SUM", null);
        String customer = unique("nobody");
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(with(event("x-" + i, tokens, customer, now, "-1"), "asset", "asset-" + customer));
        }
        send(batch).statusCode(202).body("accepted", equalTo(0), "rejected", hasSize(5));
        // A later valid event on the same key is stored after anything sent before it would have been.
        send(List.of(event("sentinel", tokens, customer, now, "1"))).statusCode(202);
        awaitStored("c:" + customer, 1);
        assertThat(count("SELECT count(*) FROM asset WHERE id = ?", "asset-" + customer)).isZero();
    }

    @Test
    void malformedOversizedAndUnauthenticatedRequestsAreProblemsAndStoreNothing() {
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body("[{\"id\":")
                .when().post("/api/v1/events").then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Malformed JSON"));
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body("{\"id\":\"x\"}")
                .when().post("/api/v1/events").then().statusCode(400).contentType("application/problem+json");
        List<Map<String, Object>> huge = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            huge.add(map("id", "h" + i));
        }
        send(huge).statusCode(413).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("[]").when().post("/api/v1/events").then().statusCode(401)
                .contentType("application/problem+json");
        send(TestTokens.viewer(), List.of()).statusCode(403).contentType("application/problem+json");
    }

    /**
     * Issue 12: with "id" twice the last won, so one event could be stored under either id depending on the reader.
     * The whole request is refused, the valid event beside it included: which one the sender meant is unknown.
     */
    @Test
    void anEventWithAKeyTwiceRefusesTheRequestAndStoresNothing() {
        String tokens = meter("SUM", null);
        String customer = unique("twice");
        String body = "[{\"id\":\"ok-1\",\"meter\":\"" + tokens + "\",\"customer\":\"" + customer
                + "\",\"timestamp\":\"" + now + "\",\"value\":\"1\"},"
                + "{\"id\":\"first\",\"id\":\"second\",\"meter\":\"" + tokens + "\",\"customer\":\"" + customer
                + "\",\"timestamp\":\"" + now + "\",\"value\":\"2\"}]";
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/events").then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Malformed JSON"), "detail", containsString("Duplicate field 'id'"));
        // A sentinel sent after it is stored; the refused batch, sent before, is not.
        send(List.of(event("sentinel", tokens, customer, now, "5"))).statusCode(202);
        awaitStored("c:" + customer, 1);
        assertThat(count("SELECT count(*) FROM meter_event WHERE scope = ? AND event_id <> 'sentinel'", "c:" + customer))
                .isZero();
    }

    /** Issue 12: PostgreSQL text cannot hold U+0000, so such an event, once accepted, failed its whole batch. */
    @Test
    void aNulCharacterIsRejectedWithTheEventAndTheRestIsStored() {
        String tokens = meter("SUM", null, "model");
        String customer = unique("nul");
        send(List.of(event("n-1", tokens, customer, now, "1"),
                with(event("n-2", tokens, customer, now, "1"), "source", "gate\u0000way"),
                with(event("n-3", tokens, customer, now, "1"), "dimensions", Map.of("model", "gpt\u00004")),
                event("n\u00004", tokens, customer, now, "1")))
                .statusCode(202).body("accepted", equalTo(1), "rejected.code",
                        contains("invalid_character", "invalid_character", "invalid_character"),
                        "rejected.index", contains(1, 2, 3));
        awaitStored("c:" + customer, 1);
    }

    @Test
    void backfillIsForAdminsAndIsAudited() {
        String tokens = meter("SUM", null);
        String customer = unique("history");
        List<Map<String, Object>> old = List.of(event("old-1", tokens, customer,
                Instant.now().minus(90, ChronoUnit.DAYS).toString(), "7"));
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(old)
                .when().post("/api/v1/events?backfill=true").then().statusCode(403);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(old)
                .when().post("/api/v1/events?backfill=true").then().statusCode(202).body("accepted", equalTo(1));
        awaitStored("c:" + customer, 1);
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'backfill' AND (new_values ->> 'events')::int = 1"))
                .isPositive();
    }

    @Test
    void openMeterCloudEventsAreAcceptedWholeOrNotAtAll() {
        String tokens = meter("SUM", null, "model");
        String customer = unique("om");
        String valid = """
                {"specversion":"1.0","id":"ce-1","source":"llm-gateway","type":"%s","subject":"%s",
                  "time":"%s","data":{"value":"1250","model":"gpt-4o","ignored":"x"}}""".formatted(tokens, customer, now);
        String invalid = """
                {"specversion":"0.3","id":"ce-2","type":"%s","subject":"%s","time":"%s","data":{"value":1}}"""
                .formatted(tokens, customer, now);
        given().auth().oauth2(TestTokens.operator()).contentType("application/cloudevents-batch+json")
                .body("[" + valid + "," + invalid + "]").when().post("/api/v1/events").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", contains("[1]"),
                        "errors[0].message", containsString("ce-2: invalid_cloudevent"));
        given().auth().oauth2(TestTokens.operator()).contentType("application/cloudevents-batch+json")
                .body("[" + valid + "]").when().post("/api/v1/events").then().statusCode(202)
                .body("accepted", equalTo(1));
        awaitStored("c:" + customer, 1);
        assertThat(count("SELECT count(*) FROM meter_event WHERE scope = ? AND value = 1250 "
                + "AND dims_key = '{\"model\":\"gpt-4o\"}' AND source = 'llm-gateway'", "c:" + customer))
                .isEqualTo(1);
    }
}
