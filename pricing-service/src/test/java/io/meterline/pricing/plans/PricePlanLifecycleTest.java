package io.meterline.pricing.plans;

import static io.meterline.pricing.Catalog.charge;
import static io.meterline.pricing.Catalog.create;
import static io.meterline.pricing.Catalog.flat;
import static io.meterline.pricing.Catalog.graduated;
import static io.meterline.pricing.Catalog.map;
import static io.meterline.pricing.Catalog.perUnit;
import static io.meterline.pricing.Catalog.plan;
import static io.meterline.pricing.Catalog.publish;
import static io.meterline.pricing.Catalog.tier;
import static io.meterline.pricing.Catalog.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.List;
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

@QuarkusTest
@PricingTest
class PricePlanLifecycleTest {

    private static final String PLANS = "/api/v1/price-plans";

    private Map<String, Object> tokensPlan(String name) {
        return plan(name, "USD", charge("tokens", "llm_tokens",
                graduated(tier("1000", "0.10"), tier(null, "0.05"))), charge("platform", "seats", flat("99.00")));
    }

    @Test
    void aDraftIsEditedThenPublishedAsAnImmutableVersionAnnouncedOnTheCatalog() {
        UUID id = create(PLANS, tokensPlan(unique("ai")));
        given().auth().oauth2(TestTokens.viewer()).when().get(PLANS + "/" + id)
                .then().statusCode(200).body("draft.charges", hasSize(2), "versions", hasSize(0), "kind", equalTo("PRICE"));

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("effectiveFrom", "2026-01-01T00:00:00Z"))
                .when().post(PLANS + "/" + id + "/publish")
                .then().statusCode(201).header("Location", org.hamcrest.Matchers.endsWith(PLANS + "/" + id + "/versions/1"))
                .body("version", equalTo(1), "effectiveFrom", equalTo("2026-01-01T00:00:00Z"),
                        "charges.key", contains("tokens", "platform"));

        // Editing the draft afterwards leaves version 1 as published.
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(plan("renamed-" + id, "USD", charge("tokens", "llm_tokens", perUnit("0.01"))))
                .when().put(PLANS + "/" + id).then().statusCode(200).body("draft.revision", equalTo(2));
        given().auth().oauth2(TestTokens.viewer()).when().get(PLANS + "/" + id + "/versions/1")
                .then().statusCode(200).body("charges", hasSize(2), "charges[0].price.model", equalTo("GRADUATED"));

        List<TopicReader.Message> events = TopicReader.await(Topics.PRICING_CATALOG,
                m -> m.key().equals(CatalogEvents.planVersionKey("PRICE", id, 1)), Duration.ofSeconds(20));
        assertThat(events).hasSize(1);
        assertThat(events.get(0).header("ce_type")).isEqualTo(CatalogEvents.PLAN_VERSION_PUBLISHED);
        assertThat(events.get(0).header("ce_specversion")).isEqualTo("1.0");
        io.restassured.path.json.JsonPath payload = io.restassured.path.json.JsonPath.from(events.get(0).value());
        assertThat(payload.getInt("version")).isEqualTo(1);
        assertThat(payload.getString("charges[0].price.tiers[0].unitPrice")).isEqualTo("0.10");

        given().auth().oauth2(TestTokens.viewer()).queryParam("table", "plan_version")
                .queryParam("recordId", id + "/v1").when().get("/api/v1/audit")
                .then().statusCode(200).body("total", equalTo(1), "items[0].action", equalTo("publish"));
    }

    @Test
    void versionsTakeEffectInOrderAndTheVersionInEffectPricesAQuote() {
        UUID id = create(PLANS, plan(unique("calls"), "USD", charge("calls", "api_calls", perUnit("0.01"))));
        publish(PLANS, id, "2026-01-01T00:00:00Z");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(plan(unique("calls"), "USD", charge("calls", "api_calls", perUnit("0.02"))))
                .when().put(PLANS + "/" + id).then().statusCode(200);
        publish(PLANS, id, "2026-06-01T00:00:00Z");

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("effectiveFrom", "2026-03-01T00:00:00Z"))
                .when().post(PLANS + "/" + id + "/publish")
                .then().statusCode(409).contentType("application/problem+json");

        Map<String, Object> usage = map("usage", List.of(map("meter", "api_calls", "quantity", "1000")));
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON)
                .body(withAt(usage, "2026-05-31T23:59:59Z")).when().post(PLANS + "/" + id + "/quote")
                .then().statusCode(200).body("planVersion", equalTo(1), "revenue.total", equalTo("10.00"));
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON)
                .body(withAt(usage, "2026-06-01T00:00:00Z")).when().post(PLANS + "/" + id + "/quote")
                .then().statusCode(200).body("planVersion", equalTo(2), "revenue.total", equalTo("20.00"));
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON)
                .body(withAt(usage, "2025-12-31T00:00:00Z")).when().post(PLANS + "/" + id + "/quote")
                .then().statusCode(409);
        given().auth().oauth2(TestTokens.viewer()).when().get(PLANS + "/" + id + "/versions")
                .then().statusCode(200).body("version", contains(1, 2));
    }

    @Test
    void onlyAdminsPublishAndViewersChangeNothing() {
        UUID id = create(PLANS, tokensPlan(unique("roles")));
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON).body(Map.of())
                .when().post(PLANS + "/" + id + "/publish").then().statusCode(403);
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(Map.of())
                .when().post(PLANS + "/" + id + "/publish").then().statusCode(403);
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON).body(tokensPlan(unique("viewer")))
                .when().post(PLANS).then().statusCode(403);
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON).body(tokensPlan(unique("viewer")))
                .when().put(PLANS + "/" + id).then().statusCode(403);
        given().auth().oauth2(TestTokens.viewer()).when().get(PLANS + "/" + id)
                .then().statusCode(200).body("versions", hasSize(0), "draft.revision", equalTo(1));
    }

    @Test
    void invalidPlansAre400NamingEachFieldAndStoreNothing() {
        String name = unique("invalid");
        Map<String, Object> bad = plan(name, "USD",
                charge("tokens", "llm_tokens", graduated(tier("1000", "0.10"), tier("500", "0.05"))),
                charge("tokens", "Bad Meter", perUnit("-1")));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(bad)
                .when().post(PLANS).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("charges[0].price.tiers[1].upTo"),
                        "errors.field", hasItem("charges[1].key"), "errors.field", hasItem("charges[1].meter"),
                        "errors.field", hasItem("charges[1].price.unitPrice"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(plan(name, "ABC", charge("a", "m", perUnit("1"))))
                .when().post(PLANS).then().statusCode(400).body("errors.field", contains("currency"));
        given().auth().oauth2(TestTokens.viewer()).when().get(PLANS)
                .then().statusCode(200).body("items.name", org.hamcrest.Matchers.not(hasItem(name)));
    }

    /** Issue 12: {} and a name alone were a 500 (a NullPointerException) on both plan paths. */
    @Test
    void anEmptyOrNameOnlyBodyIs400NamingEachMissingField() {
        for (String path : List.of(PLANS, "/api/v1/cost-rates")) {
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{}")
                    .when().post(path).then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", containsInAnyOrder("name", "currency", "charges"));
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{\"name\":\"x\"}")
                    .when().post(path).then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", containsInAnyOrder("currency", "charges"));
        }
        List<Map<String, Object>> tooMany = new java.util.ArrayList<>();
        for (int i = 0; i <= 200; i++) {
            tooMany.add(charge("c" + i, "m" + i, perUnit("1")));
        }
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(map("name", unique("wide"), "currency", "USD", "charges", tooMany))
                .when().post(PLANS).then().statusCode(400).body("errors.field", contains("charges"));
        given().auth().oauth2(TestTokens.viewer()).when().get(PLANS + "?size=500")
                .then().statusCode(200).body("items.name", org.hamcrest.Matchers.not(hasItem("x")));
        // Found by the body fuzzing: a dimension price matching a null value was a 500.
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("""
                {"name":"null-match","currency":"USD","charges":[{"key":"t","meter":"llm_tokens",
                 "dimensionPrices":[{"match":{"model":null},"price":{"model":"PER_UNIT","unitPrice":"1"}}]}]}""")
                .when().post(PLANS).then().statusCode(400)
                .body("errors.field", hasItem("charges[0].dimensionPrices[0].match"));
    }

    @Test
    void anEmptyDraftCannotBePublishedAndPublishedCurrencyCannotChange() {
        UUID empty = create(PLANS, plan(unique("empty"), "USD"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of())
                .when().post(PLANS + "/" + empty + "/publish").then().statusCode(409);

        String name = unique("eur");
        UUID id = create(PLANS, plan(name, "EUR", charge("a", "api_calls", perUnit("1"))));
        publish(PLANS, id, null);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(plan(name, "USD", charge("a", "api_calls", perUnit("1"))))
                .when().put(PLANS + "/" + id).then().statusCode(409);
    }

    @Test
    void duplicateNamesConflictAndUnknownPlansAre404() {
        String name = unique("dup");
        create(PLANS, tokensPlan(name));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(tokensPlan(name))
                .when().post(PLANS).then().statusCode(409);
        given().auth().oauth2(TestTokens.viewer()).when().get(PLANS + "/" + UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(TestTokens.viewer()).when().get(PLANS + "/not-a-uuid").then().statusCode(404);
        given().auth().oauth2(TestTokens.viewer()).when().get(PLANS + "/" + UUID.randomUUID() + "/versions/1")
                .then().statusCode(404);
    }

    @Test
    void costRatePlansShareTheLifecycleUnderTheirOwnPath() {
        UUID id = create("/api/v1/cost-rates", plan(unique("provider"), "USD",
                charge("tokens", "llm_tokens", perUnit("0.000003"))));
        publish("/api/v1/cost-rates", id, null);
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/cost-rates/" + id)
                .then().statusCode(200).body("kind", equalTo("COST"), "versions", hasSize(1));
        given().auth().oauth2(TestTokens.viewer()).when().get(PLANS + "/" + id).then().statusCode(404);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(map("name", unique("c"), "currency", "USD", "client", "acme", "charges", List.of()))
                .when().post("/api/v1/cost-rates").then().statusCode(400).body("errors.field", contains("client"));
    }

    private static Map<String, Object> withAt(Map<String, Object> body, String at) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(body);
        copy.put("at", at);
        return copy;
    }
}
