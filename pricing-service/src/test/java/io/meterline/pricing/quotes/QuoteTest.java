package io.meterline.pricing.quotes;

import static io.meterline.pricing.Catalog.charge;
import static io.meterline.pricing.Catalog.chargeByDimension;
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
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.meterline.pricing.PricingTest;
import io.meterline.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * A quote in a currency no other test uses (CHF), so the cost-rate plans in effect are this test's alone: revenue,
 * cost and margin come from the same usage.
 */
@QuarkusTest
@PricingTest
class QuoteTest {

    private static final String PLANS = "/api/v1/price-plans";
    private static final String COSTS = "/api/v1/cost-rates";

    private static UUID pricePlan;

    private static synchronized UUID pricePlan() {
        if (pricePlan == null) {
            pricePlan = create(PLANS, plan(unique("chf-ai"), "CHF",
                    chargeByDimension("tokens", "llm_tokens", null,
                            Map.of("model", "gpt-4o"), graduated(tier("1000", "0.10"), tier(null, "0.05")),
                            Map.of("model", "llama"), perUnit("0.01")),
                    charge("platform", "seats", flat("50.00"))));
            publish(PLANS, pricePlan, "2026-01-01T00:00:00Z");
            UUID cost = create(COSTS, plan(unique("chf-provider"), "CHF",
                    chargeByDimension("tokens", "llm_tokens", perUnit("0.001"), Map.of("model", "gpt-4o"),
                            perUnit("0.02"))));
            publish(COSTS, cost, "2026-01-01T00:00:00Z");
        }
        return pricePlan;
    }

    private static ValidatableResponse quote(Map<String, Object> body) {
        return given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON).body(body)
                .when().post(PLANS + "/" + pricePlan() + "/quote").then();
    }

    private static Map<String, Object> usage(String at, String client, Map<?, ?>... rows) {
        Map<String, Object> body = map("usage", List.of(rows), "at", at);
        if (client != null) {
            body.put("client", client);
        }
        return body;
    }

    private static Map<String, Object> row(String meter, String model, String quantity) {
        return map("meter", meter, "dimensions", model == null ? Map.of() : Map.of("model", model), "quantity", quantity);
    }

    @Test
    void revenueCostAndMarginComeFromTheSameUsage() {
        quote(usage("2026-03-01T00:00:00Z", null, row("llm_tokens", "gpt-4o", "800"), row("llm_tokens", "gpt-4o", "700"),
                row("llm_tokens", "llama", "1000")))
                .statusCode(200)
                .body("currency", equalTo("CHF"), "planVersion", equalTo(1),
                        // gpt-4o: 1500 summed before tiers = 100 + 25; llama: 10; platform: 50
                        "revenue.total", equalTo("185.00"),
                        // gpt-4o: 1500 × 0.02 = 30; llama at the default 0.001 = 1
                        "cost", equalTo("31.00"), "margin", equalTo("154.00"), "marginPercent", equalTo("83.24"),
                        "lines.find { it.meter == 'llm_tokens' }.revenue", equalTo("135.00"),
                        "lines.find { it.meter == 'llm_tokens' }.cost", equalTo("31.00"),
                        "lines.find { it.meter == 'llm_tokens' }.marginPercent", equalTo("77.04"),
                        "lines.find { it.meter == 'seats' }.cost", equalTo("0.00"),
                        "unpriced", hasSize(0));
    }

    @Test
    void usageNoPriceMatchesIsReportedUnpricedWithItsQuantity() {
        quote(usage("2026-02-01T00:00:00Z", null, row("llm_tokens", "claude", "42"), row("gpu_seconds", null, "7")))
                .statusCode(200)
                .body("revenue.total", equalTo("50.00"),
                        "unpriced.meter", contains("llm_tokens", "gpu_seconds"),
                        "unpriced.quantity", contains("42", "7"),
                        "uncosted.meter", contains("gpu_seconds"));
    }

    @Test
    void clientDiscountsApplyOnlyToThatClientAndPromotionsOnlyInTheirWindow() {
        UUID plan = pricePlan();
        String client = "client-" + UUID.randomUUID();
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(map("name", "negotiated", "type", "PERCENT", "value", "10", "scope", "CLIENT", "client", client))
                .when().post("/api/v1/discounts").then().statusCode(201);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(map("name", "march promo", "type", "AMOUNT", "value", "5", "currency", "CHF", "scope", "CHARGE",
                        "planId", plan.toString(), "chargeKey", "platform",
                        "validFrom", "2026-03-01T00:00:00Z", "validUntil", "2026-04-01T00:00:00Z"))
                .when().post("/api/v1/discounts").then().statusCode(201);

        // In March: the platform charge gets 5 off (45.00); the client gets 10% off the total.
        quote(usage("2026-03-15T00:00:00Z", client, row("llm_tokens", "llama", "1000")))
                .statusCode(200).body("revenue.subtotal", equalTo("55.00"), "revenue.discount", equalTo("5.50"),
                        "revenue.total", equalTo("49.50"), "client", equalTo(client));
        // Another client, in April: no discount at all.
        quote(usage("2026-04-15T00:00:00Z", "someone-else", row("llm_tokens", "llama", "1000")))
                .statusCode(200).body("revenue.total", equalTo("60.00"), "revenue.discounts", hasSize(0));
    }

    @Test
    void badQuoteRequestsAre400() {
        quote(map("usage", List.of(map("meter", "Bad Meter", "quantity", "-1"))))
                .statusCode(400).body("errors.field", hasItem("usage[0].meter"), "errors.field", hasItem("usage[0].quantity"));
        quote(map("usage", List.of(), "periodFraction", "2")).statusCode(400).body("errors.field", contains("periodFraction"));
        quote(map("client", "x")).statusCode(400).body("errors.field", contains("usage"));
    }

    @Test
    void quotingAnUnknownPlanIs404AndNeedsARole() {
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON).body(map("usage", List.of()))
                .when().post(PLANS + "/" + UUID.randomUUID() + "/quote").then().statusCode(404);
        given().contentType(ContentType.JSON).body(map("usage", List.of()))
                .when().post(PLANS + "/" + pricePlan() + "/quote").then().statusCode(401);
    }

    @Test
    void aQuoteWithNoCostRateLeavesMarginPercentOutWhenRevenueIsZero() {
        quote(usage("2026-02-01T00:00:00Z", null)).statusCode(200)
                .body("revenue.total", equalTo("50.00"), "marginPercent", equalTo("100.00"));
        UUID free = create(PLANS, plan(unique("free"), "CHF", charge("calls", "api_calls", perUnit("0"))));
        publish(PLANS, free, "2026-01-01T00:00:00Z");
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON)
                .body(usage("2026-03-01T00:00:00Z", null, row("api_calls", null, "10")))
                .when().post(PLANS + "/" + free + "/quote").then().statusCode(200)
                .body("revenue.total", equalTo("0.00"), "marginPercent", nullValue());
    }
}
