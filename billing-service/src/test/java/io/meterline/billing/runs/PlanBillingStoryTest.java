package io.meterline.billing.runs;

import static io.meterline.billing.Billing.client;
import static io.meterline.billing.Billing.createClient;
import static io.meterline.billing.Billing.map;
import static io.meterline.billing.MeteringFeed.event;
import static io.meterline.billing.runs.BillingRunStoryTest.awaitFinished;
import static io.meterline.billing.runs.BillingRunStoryTest.invoices;
import static io.meterline.billing.runs.BillingRunStoryTest.run;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.meterline.billing.BillingDatabase;
import io.meterline.billing.BillingWithMeteringTest;
import io.meterline.billing.CatalogFeed;
import io.meterline.billing.MeteringFeed;
import io.meterline.contracts.catalog.ChargeSpec;
import io.meterline.contracts.catalog.DimensionPriceSpec;
import io.meterline.contracts.catalog.DiscountChanged;
import io.meterline.contracts.catalog.PriceSpec;
import io.meterline.contracts.catalog.TierSpec;
import io.meterline.contracts.catalog.UnitTypeChanged;
import io.meterline.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Plans priced by dimension with negotiated discounts, cost and margin, buckets added mid-period, the preview. */
@QuarkusTest
@BillingWithMeteringTest
class PlanBillingStoryTest {

    static final String JAN = "2026-01-01T00:00:00Z";
    static final String FEB = "2026-02-01T00:00:00Z";

    private static PriceSpec perUnit(String price) {
        return new PriceSpec("PER_UNIT", null, new BigDecimal(price), null, null, null, null, null, null, null, null);
    }

    private static String externalId(String client) {
        return given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/clients/" + client).then()
                .extract().path("externalId");
    }

    @Test
    void aGraduatedPlanPricedByModelWithTheClientsDiscountIsBilledAndCosted() {
        String tokens = MeteringFeed.meter("SUM", "model");
        PriceSpec graduated = new PriceSpec("GRADUATED", null, null, null, null, List.of(
                new TierSpec(new BigDecimal("1000"), new BigDecimal("0.10"), null),
                new TierSpec(null, new BigDecimal("0.05"), null)), null, null, null, null, null);
        UUID plan = UUID.randomUUID();
        CatalogFeed.planVersion("PRICE", plan, 1, "USD", null, Instant.parse("2025-12-01T00:00:00Z"),
                List.of(new ChargeSpec("tokens", tokens, "LLM tokens", perUnit("0.01"),
                        List.of(new DimensionPriceSpec(Map.of("model", "gpt-4o"), graduated)))));
        CatalogFeed.planVersion("COST", UUID.randomUUID(), 1, "USD", null, Instant.parse("2025-12-01T00:00:00Z"),
                List.of(new ChargeSpec("tokens-cost", tokens, "Provider price", perUnit("0.02"), null)));
        String client = createClient(client("Model Co"));
        String customer = externalId(client);
        UUID discount = UUID.randomUUID();
        CatalogFeed.discount(new DiscountChanged(1, discount, 1, "Negotiated 10%", "PERCENT", BigDecimal.TEN, null,
                "CLIENT", null, null, customer, null, null, false));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> BillingDatabase.count(
                "SELECT count(*) FROM plan_discount WHERE id = ?", discount) == 1);
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(map("client", client, "pricePlan", plan.toString(), "startsAt", JAN))
                .when().post("/api/v1/subscriptions").then().statusCode(201);
        MeteringFeed.send(List.of(
                map("id", "t1", "meter", tokens, "customer", customer, "timestamp", "2026-01-04T10:00:00Z",
                        "value", "1500", "dimensions", Map.of("model", "gpt-4o")),
                map("id", "t2", "meter", tokens, "customer", customer, "timestamp", "2026-01-09T10:00:00Z",
                        "value", "2000", "dimensions", Map.of("model", "small"))));
        MeteringFeed.awaitTotal(tokens, customer, JAN, FEB, "3500");

        assertThat(awaitFinished(run("2026-02-05T00:00:00Z", client)).getString("status")).isEqualTo("SUCCEEDED");
        JsonPath invoice = invoices(client);
        assertThat(invoice.getList("items[0].lines.kind")).containsExactly("CHARGE", "CHARGE", "DISCOUNT");
        assertThat(invoice.getList("items[0].lines.amount")).containsExactly("125.00", "20.00", "-14.50");
        assertThat(invoice.getString("items[0].lines[0].description")).contains("gpt-4o", "1000 × 0.10",
                "500 × 0.05");
        assertThat(invoice.getString("items[0].total")).isEqualTo("130.50");
        JsonPath readings = given().auth().oauth2(TestTokens.viewer()).queryParam("client", client)
                .when().get("/api/v1/billing-readings").then().statusCode(200).extract().jsonPath();
        assertThat(readings.getList("items.chargeKey")).containsOnly("tokens");
        assertThat(readings.getList("items.cost")).containsExactlyInAnyOrder("30.00", "40.00");
        assertThat(readings.getList("items.billedAmount")).containsExactlyInAnyOrder("125.00", "20.00");
        assertThat(readings.getList("items.margin")).containsExactlyInAnyOrder("95.00", "-20.00");
    }

    @Test
    void aBucketAddedMidPeriodHasItsBaseAndCommitProrated() {
        String meter = MeteringFeed.meter("SUM");
        UnitTypeChanged unitType = CatalogFeed.unitType(meter, "620", "310.00", "0.50");
        String client = createClient(client("Mid Co"));
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(map("client", client, "unitType", unitType.name(), "startsAt", "2026-01-16T00:00:00Z"))
                .when().post("/api/v1/buckets").then().statusCode(201);
        MeteringFeed.send(List.of(event("m1", meter, externalId(client), "2026-01-20T00:00:00Z", "400")));
        MeteringFeed.awaitTotal(meter, externalId(client), JAN, FEB, "400");
        awaitFinished(run("2026-02-05T00:00:00Z", client));
        JsonPath invoice = invoices(client);
        // Active 16 of January's 31 days: commit 620 becomes 320 and base 310.00 becomes 160.00; 80 units above.
        assertThat(invoice.getList("items[0].lines.amount")).containsExactly("160.00", "40.00");
        assertThat(invoice.getString("items[0].lines[0].description")).contains("commit of 320");
        assertThat(invoice.getString("items[0].total")).isEqualTo("200.00");
    }

    @Test
    void thePreviewRatesTheOpenPeriodAndStoresNothing() {
        String meter = MeteringFeed.meter("SUM");
        UnitTypeChanged unitType = CatalogFeed.unitType(meter, "10", "5.00", "1.00");
        String client = createClient(client("Preview Co"));
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(map("client", client, "unitType", unitType.name(), "startsAt", JAN))
                .when().post("/api/v1/buckets").then().statusCode(201);
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant at = hour.minus(30, ChronoUnit.MINUTES);
        MeteringFeed.send(List.of(event("p1", meter, externalId(client), at.toString(), "15")));
        MeteringFeed.awaitTotal(meter, externalId(client), at.toString(), hour.toString(), "15");

        JsonPath preview = given().auth().oauth2(TestTokens.viewer()).when()
                .get("/api/v1/clients/" + client + "/invoice-preview").then().statusCode(200).extract().jsonPath();
        // The server's last whole hour: the test's, or the next when the hour turned in between (then the period may
        // be the next month's, and the usage before it).
        Instant through = Instant.parse(preview.getString("usageThrough"));
        assertThat(through).isIn(hour, hour.plus(1, ChronoUnit.HOURS));
        Instant monthStart = through.atZone(java.time.ZoneOffset.UTC).withDayOfMonth(1)
                .truncatedTo(ChronoUnit.DAYS).toInstant();
        boolean inThisPeriod = !at.isBefore(monthStart);
        assertThat(preview.getString("periodStart")).isEqualTo(monthStart.toString());
        assertThat(preview.getList("lines.amount")).isEqualTo(inThisPeriod ? List.of("5.00", "5.00")
                : List.of("5.00"));
        assertThat(invoices(client).getInt("total")).isZero();
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/clients/" + UUID.randomUUID()
                + "/invoice-preview").then().statusCode(404);
    }
}
