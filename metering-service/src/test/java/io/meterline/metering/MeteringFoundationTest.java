package io.meterline.metering;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import io.meterline.testing.AuthMatrix;
import io.meterline.testing.ServiceFoundationContract;
import io.meterline.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@MeteringTest
class MeteringFoundationTest extends ServiceFoundationContract {

    @Override
    protected List<String> expectedTables() {
        return List.of("audit_log", "outbox", "meter", "event_identity", "event_identity_collision",
                "ledger_epoch", "meter_event", "usage_rollup",
                "usage_rollup_unique", "asset", "suppression", "api_key", "metered_batch");
    }

    /** Metering's API keys join the matrix: each role, one scoped to a customer, and a revoked one. */
    @Override
    protected Map<String, AuthMatrix.Caller> callers() {
        Map<String, AuthMatrix.Caller> callers = new java.util.LinkedHashMap<>(super.callers());
        callers.put("ingest key", AuthMatrix.Caller.holding(key("ingest", null).getString("key"), "ingest"));
        callers.put("read key", AuthMatrix.Caller.holding(key("read", null).getString("key"), "read"));
        callers.put("ingest key scoped to a customer",
                AuthMatrix.Caller.holding(key("ingest", Metering.unique("other")).getString("key"), "ingest"));
        JsonPath revoked = key("read", null);
        given().auth().oauth2(TestTokens.admin()).when().delete("/api/v1/api-keys/" + revoked.getString("apiKey.id"))
                .then().statusCode(204);
        callers.put("revoked key", AuthMatrix.Caller.refused(revoked.getString("key"), 401));
        return callers;
    }

    private static JsonPath key(String role, String customer) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", "matrix-" + role, "role", role));
        if (customer != null) {
            body.put("customer", customer);
        }
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/api-keys").then().statusCode(201).extract().jsonPath();
    }
}
