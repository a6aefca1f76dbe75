package io.meterline.projection.alerts;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.meterline.projection.ProjectionTest;
import io.meterline.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A rule over many projection lines: its first evaluation stores a state per line. Regression: the evaluator chained
 * one store after another into a single nested Uni, which at tens of thousands of lines never completed and held its
 * transaction open for good, stopping every later evaluation and pinning the database's vacuum horizon.
 */
@QuarkusTest
@ProjectionTest
class AlertScaleTest {

    private static final int LINES = 25_000;

    @Inject
    Pool pool;

    @Test
    void aRuleOverTensOfThousandsOfLinesIsEvaluatedAndLaterEvaluationsGoOn() {
        String meter = "scale_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        // Lines written as the recompute writes them, for clients nothing else reads: one meter only this test uses.
        pool.preparedQuery("""
                INSERT INTO projection (client_id, line, external_id, meter, period_start, period_end, currency,
                    current_usage, projected_usage, projected_low, projected_high, commit_units, current_revenue,
                    current_cost, projected_cost, projected_metered_cost, method, changed_at, projected_revenue)
                SELECT gen_random_uuid(), 'bucket:' || g, 'scale-' || g, $1, date_trunc('month', now()),
                       date_trunc('month', now()) + interval '1 month', 'USD', 10, 20, 15, 25, 100, 0, 0, 0, 0,
                       'LINEAR', now(), 0
                FROM generate_series(1, $2) g""").execute(Tuple.of(meter, LINES)).await()
                .atMost(Duration.ofSeconds(60));
        String rule = given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("name", "Scale", "kind", "PERCENT_OF_COMMIT", "scope", Map.of("meter", meter),
                        "threshold", 80))
                .when().post("/api/v1/alert-rules").then().statusCode(201).extract().jsonPath().getString("id");
        try {
            awaitStates(rule, "OK", LINES);
            // Later evaluations still run: one line crosses the threshold and its state follows.
            pool.preparedQuery("UPDATE projection SET current_usage = 90 WHERE meter = $1 AND line = 'bucket:7'")
                    .execute(Tuple.of(meter)).await().atMost(Duration.ofSeconds(10));
            awaitStates(rule, "FIRING", 1);
        } finally {
            given().auth().oauth2(TestTokens.operator()).when().delete("/api/v1/alert-rules/" + rule).then()
                    .statusCode(204);
            pool.preparedQuery("DELETE FROM projection WHERE meter = $1").execute(Tuple.of(meter)).await()
                    .atMost(Duration.ofSeconds(60));
        }
    }

    private static void awaitStates(String rule, String status, int expected) {
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> given().auth().oauth2(TestTokens.viewer()).queryParam("rule", rule)
                        .queryParam("status", status).queryParam("size", 1).when().get("/api/v1/alerts").then()
                        .statusCode(200).extract().jsonPath().getInt("total"), n -> n == expected);
    }
}
