package io.meterline.billing.runs;

import static io.meterline.billing.Billing.client;
import static io.meterline.billing.Billing.createClient;
import static io.meterline.billing.Billing.map;
import static io.meterline.billing.MeteringFeed.event;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.meterline.billing.BillingDatabase;
import io.meterline.billing.MeteringFeed;
import io.meterline.testing.KafkaTestResource;
import io.meterline.testing.MeteringServiceResource;
import io.meterline.testing.OidcTestResource;
import io.meterline.testing.PostgresTestResource;
import io.meterline.testing.PricingServiceResource;
import io.meterline.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** Backtests against a real pricing-service (plans, drafts, the catalog) and metering-service (usage). */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service", value = "billing"))
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(OidcTestResource.class)
@QuarkusTestResource(MeteringServiceResource.class)
@QuarkusTestResource(PricingServiceResource.class)
class BacktestStoryTest {

    private static RequestSpecification pricing() {
        return given().baseUri(PricingServiceResource.url()).auth().oauth2(TestTokens.admin())
                .contentType(ContentType.JSON);
    }

    private static Map<String, Object> plan(String name, String meter, String unitPrice) {
        return map("name", name, "currency", "USD", "charges", List.of(map("key", "calls", "meter", meter,
                "description", "API calls", "price", map("model", "PER_UNIT", "unitPrice", unitPrice))));
    }

    private static String publishedPlan(String path, Map<String, Object> plan) {
        String id = pricing().body(plan).when().post(path).then().statusCode(201).extract().path("id");
        pricing().body(map("effectiveFrom", "2025-12-01T00:00:00Z")).when().post(path + "/" + id + "/publish")
                .then().statusCode(201);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> BillingDatabase.count(
                "SELECT count(*) FROM plan_version WHERE plan_id = ?::uuid", id) == 1);
        return id;
    }

    @Test
    void aDraftAndAVersionAreBacktestedAgainstThePeriodAsBilledAndNothingIsBilled() {
        String meter = MeteringFeed.meter("SUM");
        String planName = io.meterline.billing.Billing.unique("calls");
        String plan = publishedPlan("/api/v1/price-plans", plan(planName, meter, "0.10"));
        publishedPlan("/api/v1/cost-rates", plan(planName + "-cost", meter, "0.05"));
        String client = createClient(client("Backtest Co"));
        String customer = given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/clients/" + client).then()
                .extract().path("externalId");
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(map("client", client, "pricePlan", plan, "startsAt", "2026-01-01T00:00:00Z"))
                .when().post("/api/v1/subscriptions").then().statusCode(201);
        MeteringFeed.send(List.of(event("b1", meter, customer, "2026-01-12T00:00:00Z", "1000")));
        MeteringFeed.awaitTotal(meter, customer, "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z", "1000");
        pricing().body(plan(planName, meter, "0.08")).when().put("/api/v1/price-plans/" + plan).then()
                .statusCode(200);

        JsonPath draft = given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(map("pricePlan", plan, "period", "2026-01")).when().post("/api/v1/backtests").then()
                .statusCode(201).extract().jsonPath();
        assertThat(draft.getString("candidate")).isEqualTo("draft");
        assertThat(draft.getList("clients.client")).containsExactly(client);
        Map<String, Object> result = draft.getMap("clients[0]");
        assertThat(result).containsEntry("currentRevenue", "100.00").containsEntry("candidateRevenue", "80.00")
                .containsEntry("revenueDelta", "-20.00").containsEntry("currentCost", "50.00")
                .containsEntry("candidateCost", "50.00").containsEntry("currentMargin", "50.00")
                .containsEntry("candidateMargin", "30.00").containsEntry("marginDelta", "-20.00")
                .containsEntry("periodStart", "2026-01-01T00:00:00Z");

        pricing().body(map("effectiveFrom", "2027-06-01T00:00:00Z")).when()
                .post("/api/v1/price-plans/" + plan + "/publish").then().statusCode(201);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> BillingDatabase.count(
                "SELECT count(*) FROM plan_version WHERE plan_id = ?::uuid", plan) == 2);
        JsonPath version = given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(map("pricePlan", plan, "version", 2, "period", "2026-01", "clients", List.of(client)))
                .when().post("/api/v1/backtests").then().statusCode(201).extract().jsonPath();
        assertThat(version.getString("candidate")).isEqualTo("version 2");
        assertThat(version.getString("clients[0].candidateRevenue")).isEqualTo("80.00");
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/backtests/" + version.getString("id"))
                .then().statusCode(200);

        assertThat(BacktestStoryTest.invoicesOf(client)).isZero();
        assertThat(BillingDatabase.count("SELECT count(*) FROM billing_reading WHERE client_id = ?::uuid", client))
                .isZero();
    }

    static int invoicesOf(String client) {
        return given().auth().oauth2(TestTokens.viewer()).queryParam("client", client).when().get("/api/v1/invoices")
                .then().statusCode(200).extract().path("total");
    }

    @Test
    void badBacktestsAre400AndViewersCannotRunThem() {
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(map("pricePlan", "nope", "period", "2026-13")).when().post("/api/v1/backtests").then()
                .statusCode(400).contentType("application/problem+json").body("errors.field", contains("pricePlan"));
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(map("pricePlan", java.util.UUID.randomUUID().toString(), "period", "2026-13"))
                .when().post("/api/v1/backtests").then().statusCode(400).body("errors.field", contains("period"));
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON)
                .body(map("pricePlan", java.util.UUID.randomUUID().toString(), "period", "2026-01"))
                .when().post("/api/v1/backtests").then().statusCode(403);
    }
}
