package io.meterline.billing.subscriptions;

import static io.meterline.billing.Billing.client;
import static io.meterline.billing.Billing.createClient;
import static io.meterline.billing.Billing.map;
import static io.meterline.billing.Billing.with;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.meterline.billing.BillingTest;
import io.meterline.billing.CatalogFeed;
import io.meterline.contracts.catalog.ChargeSpec;
import io.meterline.contracts.catalog.PriceSpec;
import io.meterline.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@BillingTest
class SubscriptionResourceTest {

    private static final String PATH = "/api/v1/subscriptions";

    static List<ChargeSpec> perUnit(String meter, String unitPrice) {
        return List.of(new ChargeSpec("usage", meter, "Usage", new PriceSpec("PER_UNIT", null,
                new BigDecimal(unitPrice), null, null, null, null, null, null, null, null), null));
    }

    private static UUID plan(String currency, String client) {
        UUID id = UUID.randomUUID();
        CatalogFeed.planVersion("PRICE", id, 1, currency, client, Instant.parse("2026-01-01T00:00:00Z"),
                perUnit("api_calls", "0.01"));
        return id;
    }

    private static Map<String, Object> subscription(String client, UUID plan) {
        return map("client", client, "pricePlan", plan.toString(), "startsAt", "2026-02-01T00:00:00Z");
    }

    @Test
    void aClientIsSubscribedToAPublishedPlanInItsCurrencyOnce() {
        UUID plan = plan("USD", null);
        String client = createClient(client("Sub Co"));
        String id = given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(subscription(client, plan)).when().post(PATH).then().statusCode(201)
                .body("client", equalTo(client), "pricePlan", equalTo(plan.toString()), "currency", equalTo("USD"),
                        "billMetersWithBuckets", equalTo(false), "startsAt", equalTo("2026-02-01T00:00:00Z"))
                .extract().path("id");
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(with(subscription(client, plan), "startsAt", "2026-05-01T00:00:00Z"))
                .when().post(PATH).then().statusCode(409).body("detail", containsString(id));
        // Ending the first one makes room for the next.
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(with(subscription(client, plan), "endsAt", "2026-05-01T00:00:00Z"))
                .when().put(PATH + "/" + id).then().statusCode(200).body("endsAt", equalTo("2026-05-01T00:00:00Z"));
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(with(subscription(client, plan), "startsAt", "2026-05-01T00:00:00Z"))
                .when().post(PATH).then().statusCode(201);
        given().auth().oauth2(TestTokens.viewer()).queryParam("client", client).when().get(PATH).then()
                .statusCode(200).body("total", equalTo(2));
    }

    @Test
    void aPlanInAnotherCurrencyForAnotherClientOrUnknownIs400AndStoresNothing() {
        String client = createClient(client("Mismatch Co"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(subscription(client, plan("EUR", null))).when().post(PATH).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("pricePlan"), "detail", containsString("EUR"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(subscription(client, plan("USD", "someone-else"))).when().post(PATH).then().statusCode(400)
                .body("errors.field", contains("pricePlan"), "detail", containsString("someone-else"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(subscription(client, UUID.randomUUID())).when().post(PATH).then().statusCode(400)
                .body("errors.field", contains("pricePlan"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(subscription(UUID.randomUUID().toString(), plan("USD", null))).when().post(PATH).then()
                .statusCode(400).body("errors.field", contains("client"));
        given().auth().oauth2(TestTokens.viewer()).queryParam("client", client).when().get(PATH).then()
                .statusCode(200).body("total", equalTo(0));
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON)
                .body(subscription(client, plan("USD", null))).when().post(PATH).then().statusCode(403);
    }
}
