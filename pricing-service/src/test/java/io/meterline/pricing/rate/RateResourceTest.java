package io.meterline.pricing.rate;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.meterline.pricing.PricingTest;
import io.meterline.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@PricingTest
class RateResourceTest {

    private static final String ISSUE_EXAMPLE = """
            {"currency":"USD","quantity":"1500",
             "price":{"model":"GRADUATED","tiers":[{"upTo":"1000","unitPrice":"0.10"},{"upTo":null,"unitPrice":"0.05"}]},
             "discounts":[{"type":"PERCENT","value":"10"}], "periodFraction":"1"}""";

    @Test
    void theContractExampleRatesTo112_50WithStringAmounts() {
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON).body(ISSUE_EXAMPLE)
                .when().post("/api/v1/rate")
                .then().statusCode(200)
                .body("currency", equalTo("USD"), "quantity", equalTo("1500"), "subtotal", equalTo("125.00"),
                        "discount", equalTo("12.50"), "total", equalTo("112.50"),
                        "lines.amount", contains("100.00", "25.00"), "lines.quantity", contains("1000", "500"),
                        "lines.unitPrice", contains("0.10", "0.05"), "overageUnits", nullValue());
    }

    @Test
    void quantitiesAndPricesMayBeJsonNumbers() {
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON)
                .body("{\"currency\":\"JPY\",\"quantity\":3,\"price\":{\"model\":\"PER_UNIT\",\"unitPrice\":0.5}}")
                .when().post("/api/v1/rate")
                .then().statusCode(200).body("total", equalTo("2"));
    }

    @Test
    void aCommitQuoteAddsOverageBufferAndBufferAmount() {
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body("""
                {"currency":"USD","quantity":"600",
                 "price":{"model":"COMMIT","commitUnits":"1000","basePrice":"500.00","overageUnitPrice":"0.75","minimum":"10"}}""")
                .when().post("/api/v1/rate")
                .then().statusCode(200)
                .body("total", equalTo("500.00"), "overageUnits", equalTo("0"), "bufferUnits", equalTo("400"),
                        "bufferAmount", equalTo("200.00"));
    }

    @Test
    void aKuwaitiDinarAmountHasThreeDigits() {
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON)
                .body("{\"currency\":\"KWD\",\"quantity\":\"7\",\"price\":{\"model\":\"PER_UNIT\",\"unitPrice\":\"0.0125\"}}")
                .when().post("/api/v1/rate").then().statusCode(200).body("total", equalTo("0.088"));
    }

    @Test
    void invalidPricesAre400NamingTheField() {
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON).body("""
                {"currency":"USD","quantity":"1",
                 "price":{"model":"GRADUATED","tiers":[{"upTo":"1000","unitPrice":"0.10"},{"upTo":"500","unitPrice":"0.05"}]}}""")
                .when().post("/api/v1/rate")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("price.tiers[1].upTo"));
    }

    @Test
    void everyKindOfBadInputGetsA400() {
        String[][] cases = {
                { "{\"currency\":\"USD\",\"quantity\":\"-1\",\"price\":{\"model\":\"FLAT\",\"amount\":\"1\"}}", "quantity" },
                { "{\"currency\":\"XYZ\",\"quantity\":\"1\",\"price\":{\"model\":\"FLAT\",\"amount\":\"1\"}}", "currency" },
                { "{\"quantity\":\"1\",\"price\":{\"model\":\"FLAT\",\"amount\":\"1\"}}", "currency" },
                { "{\"currency\":\"USD\",\"quantity\":\"1\"}", "price" },
                { "{\"currency\":\"USD\",\"quantity\":\"1\",\"price\":{\"model\":\"BOGUS\"}}", "price.model" },
                { "{\"currency\":\"USD\",\"quantity\":\"1\",\"price\":{\"model\":\"PACKAGE\",\"packageSize\":\"0\",\"packagePrice\":\"1\"}}", "price.packageSize" },
                { "{\"currency\":\"USD\",\"quantity\":\"1\",\"price\":{\"model\":\"PER_UNIT\",\"unitPrice\":\"-2\"}}", "price.unitPrice" },
                { "{\"currency\":\"USD\",\"quantity\":\"1\",\"price\":{\"model\":\"PER_UNIT\",\"unitPrice\":\"1\",\"tiers\":[]}}", "price.tiers" },
                { "{\"currency\":\"USD\",\"quantity\":\"1\",\"price\":{\"model\":\"COMMIT\",\"commitUnits\":\"0\",\"basePrice\":\"1\",\"overageUnitPrice\":\"1\"}}", "price.commitUnits" },
                { "{\"currency\":\"USD\",\"quantity\":\"1\",\"price\":{\"model\":\"FLAT\",\"amount\":\"1\"},\"periodFraction\":\"0\"}", "periodFraction" },
                { "{\"currency\":\"USD\",\"quantity\":\"1\",\"price\":{\"model\":\"FLAT\",\"amount\":\"1\"},\"discounts\":[{\"type\":\"PERCENT\",\"value\":\"150\"}]}", "discounts[0].value" },
                { "{\"currency\":\"USD\",\"quantity\":\"abc\",\"price\":{\"model\":\"FLAT\",\"amount\":\"1\"}}", "quantity" },
                { "{\"currency\":\"USD\",\"quantity\":\"1\",\"price\":{\"model\":\"FLAT\",\"amount\":\"1\"},\"colour\":\"red\"}", "colour" } };
        for (String[] c : cases) {
            given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON).body(c[0])
                    .when().post("/api/v1/rate")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem(c[1]));
        }
    }

    /** Issue 12: both were a 500 (a decimal no rounding can hold), and 100,000 tiers were rated. */
    @Test
    void absurdDecimalsAndTooManyTiersAre400() {
        String[][] cases = {
                { "{\"currency\":\"USD\",\"quantity\":\"1e999999999\",\"price\":{\"model\":\"FLAT\",\"amount\":\"1\"}}", "quantity" },
                { "{\"currency\":\"USD\",\"quantity\":1e999999999,\"price\":{\"model\":\"FLAT\",\"amount\":\"1\"}}", "quantity" },
                { "{\"currency\":\"USD\",\"quantity\":\"1\",\"price\":{\"model\":\"PER_UNIT\",\"unitPrice\":\"1e-999999999\"}}", "price.unitPrice" } };
        for (String[] c : cases) {
            given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON).body(c[0])
                    .when().post("/api/v1/rate")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", contains(c[1]), "errors.message", contains(startsWith("is out of range")));
        }
        StringBuilder tiers = new StringBuilder();
        for (int i = 1; i <= 100_000; i++) {
            tiers.append("{\"upTo\":\"").append(i).append("\",\"unitPrice\":\"0.01\"},");
        }
        tiers.append("{\"upTo\":null,\"unitPrice\":\"0.01\"}");
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON)
                .body("{\"currency\":\"USD\",\"quantity\":\"5\",\"price\":{\"model\":\"GRADUATED\",\"tiers\":[" + tiers + "]}}")
                .when().post("/api/v1/rate")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("price.tiers"), "errors.message", contains(containsString("at most 250")));
    }

    /** Found by the body fuzzing (issue 12): a null tier or a null discount was a 500 (a NullPointerException). */
    @Test
    void aNullTierOrDiscountIs400NamingIt() {
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON).body("""
                {"currency":"USD","quantity":"5","price":{"model":"GRADUATED","tiers":[{"upTo":"10","unitPrice":"1"},null]}}""")
                .when().post("/api/v1/rate")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("price.tiers[1]"));
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON).body("""
                {"currency":"USD","quantity":"5","price":{"model":"FLAT","amount":"1"},"discounts":[null]}""")
                .when().post("/api/v1/rate")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("discounts[0]"));
    }

    /** Issue 12: the last of two "quantity" keys won; which one the sender meant is unknown. */
    @Test
    void aKeyGivenTwiceIs400() {
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON)
                .body("{\"currency\":\"USD\",\"quantity\":\"1\",\"quantity\":\"2\",\"price\":{\"model\":\"FLAT\",\"amount\":\"1\"}}")
                .when().post("/api/v1/rate")
                .then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Malformed JSON"), "detail", containsString("Duplicate field 'quantity'"));
    }

    @Test
    void malformedJsonIs400() {
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON).body("{\"currency\":")
                .when().post("/api/v1/rate")
                .then().statusCode(400).contentType("application/problem+json").body("title", equalTo("Malformed JSON"));
    }

    @Test
    void ratingNeedsAToken() {
        given().contentType(ContentType.JSON).body(ISSUE_EXAMPLE).when().post("/api/v1/rate").then().statusCode(401);
        given().auth().oauth2(TestTokens.token("guest", "guest")).contentType(ContentType.JSON).body(ISSUE_EXAMPLE)
                .when().post("/api/v1/rate").then().statusCode(403);
    }
}
