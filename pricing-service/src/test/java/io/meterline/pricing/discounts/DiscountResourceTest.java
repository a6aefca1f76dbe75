package io.meterline.pricing.discounts;

import static io.meterline.pricing.Catalog.charge;
import static io.meterline.pricing.Catalog.create;
import static io.meterline.pricing.Catalog.map;
import static io.meterline.pricing.Catalog.perUnit;
import static io.meterline.pricing.Catalog.plan;
import static io.meterline.pricing.Catalog.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.meterline.contracts.Topics;
import io.meterline.contracts.catalog.CatalogEvents;
import io.meterline.pricing.PricingTest;
import io.meterline.testing.TestTokens;
import io.meterline.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@PricingTest
class DiscountResourceTest {

    private static final String PATH = "/api/v1/discounts";

    @Test
    void aChargeDiscountIsCreatedListedAndArchived() {
        UUID plan = create("/api/v1/price-plans", plan(unique("d"), "USD", charge("calls", "api_calls", perUnit("1"))));
        Map<String, Object> promo = map("name", "promo", "type", "PERCENT", "value", "20", "scope", "CHARGE",
                "planId", plan.toString(), "chargeKey", "calls", "validFrom", "2026-11-01T00:00:00Z",
                "validUntil", "2026-12-01T00:00:00Z");
        String id = given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(promo)
                .when().post(PATH).then().statusCode(201).body("value", equalTo("20"), "revision", equalTo(1))
                .extract().path("id");
        given().auth().oauth2(TestTokens.viewer()).queryParam("planId", plan.toString()).when().get(PATH)
                .then().statusCode(200).body("total", equalTo(1), "items.id", contains(id));

        given().auth().oauth2(TestTokens.admin()).when().delete(PATH + "/" + id).then().statusCode(204);
        given().auth().oauth2(TestTokens.viewer()).queryParam("planId", plan.toString()).when().get(PATH)
                .then().statusCode(200).body("total", equalTo(0));
        given().auth().oauth2(TestTokens.viewer()).queryParam("planId", plan.toString())
                .queryParam("includeArchived", true).when().get(PATH)
                .then().statusCode(200).body("items[0].archived", equalTo(true));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(promo)
                .when().put(PATH + "/" + id).then().statusCode(409);

        var archived = TopicReader.await(Topics.PRICING_CATALOG, m -> m.key().equals(CatalogEvents.discountKey(id))
                && JsonPath.from(m.value()).getBoolean("archived"), Duration.ofSeconds(20));
        assertThat(archived).hasSize(1);
    }

    @Test
    void everyBadDiscountIsA400() {
        UUID plan = create("/api/v1/price-plans", plan(unique("d"), "USD", charge("calls", "api_calls", perUnit("1"))));
        Object[][] cases = {
                { map("name", "x", "type", "PERCENT", "value", "120", "scope", "CLIENT", "client", "acme"), "value" },
                { map("name", "x", "type", "AMOUNT", "value", "5", "scope", "CLIENT", "client", "acme"), "currency" },
                { map("name", "x", "type", "PERCENT", "value", "5", "scope", "CLIENT"), "client" },
                { map("name", "x", "type", "PERCENT", "value", "5", "scope", "PLAN"), "planId" },
                { map("name", "x", "type", "BOGUS", "value", "5", "scope", "CLIENT", "client", "a"), "type" },
                { map("name", "x", "type", "PERCENT", "value", "5", "scope", "CLIENT", "client", "a",
                        "validFrom", "2026-02-01T00:00:00Z", "validUntil", "2026-01-01T00:00:00Z"), "validUntil" },
                { map("name", "x", "type", "PERCENT", "value", "5", "scope", "CHARGE", "planId", plan.toString(),
                        "chargeKey", "nope"), "chargeKey" },
                { map("name", "x", "type", "PERCENT", "value", "5", "scope", "PLAN",
                        "planId", UUID.randomUUID().toString()), "planId" },
                { map("name", "x", "type", "AMOUNT", "value", "5", "currency", "EUR", "scope", "PLAN",
                        "planId", plan.toString()), "currency" } };
        for (Object[] c : cases) {
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(c[0])
                    .when().post(PATH).then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem(c[1]));
        }
        given().auth().oauth2(TestTokens.viewer()).queryParam("planId", plan.toString()).when().get(PATH)
                .then().statusCode(200).body("total", equalTo(0));
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON).body(cases[0][0])
                .when().post(PATH).then().statusCode(403);
    }
}
