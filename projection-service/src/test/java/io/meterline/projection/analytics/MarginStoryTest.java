package io.meterline.projection.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.meterline.contracts.billing.BillingEvents;
import io.meterline.contracts.billing.InvoiceFinalized;
import io.meterline.contracts.billing.InvoiceFinalized.LineSummary;
import io.meterline.contracts.billing.InvoiceFinalized.ReadingSummary;
import io.meterline.contracts.billing.InvoiceVoided;
import io.meterline.projection.Feed;
import io.meterline.projection.ProjectionTest;
import io.meterline.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Margin figures from billing's finalized invoices: readings, plan-level discounts spread over plan charges,
 * adjustments in the period they correct, void invoices left out, currencies kept apart. Periods in 2019, which no
 * other test uses.
 */
@QuarkusTest
@ProjectionTest
class MarginStoryTest {

    static final Instant JAN = Instant.parse("2019-01-01T00:00:00Z");
    static final Instant FEB = Instant.parse("2019-02-01T00:00:00Z");
    static final Instant MAR = Instant.parse("2019-03-01T00:00:00Z");
    static final Instant APR = Instant.parse("2019-04-01T00:00:00Z");
    static final UUID A = UUID.randomUUID();
    static final UUID B = UUID.randomUUID();
    static final UUID VCPU_BUCKET = UUID.randomUUID();

    private static boolean published;

    /** Once per class, from the first test (RestAssured knows the test port only inside a test). */
    @BeforeEach
    void invoices() {
        if (published) {
            return;
        }
        published = true;
        ReadingSummary vcpu = reading(VCPU_BUCKET, "k8s", null, "vcpu_hours", Map.of(), "800", "336.00", "160.00");
        ReadingSummary gpt = reading(null, null, "tokens", "llm_tokens", Map.of("model", "gpt-4o"), "1500", "125.00",
                "60.00");
        ReadingSummary small = reading(null, null, "tokens", "llm_tokens", Map.of("model", "small"), "2000", "20.00",
                "8.00");
        Feed.invoice(invoice(A, "USD", JAN, FEB, List.of(vcpu, gpt, small), List.of(line("BASE", "300.00", null),
                line("DISCOUNT", "-14.50", null))));
        // February corrects January by +9.00 on the vCPU bucket (late usage).
        Feed.invoice(invoice(A, "USD", FEB, MAR, List.of(reading(VCPU_BUCKET, "k8s", null, "vcpu_hours", Map.of(),
                "500", "300.00", "100.00")), List.of(new LineSummary("ADJUSTMENT", new BigDecimal("9.00"),
                        VCPU_BUCKET, null, null, JAN))));
        Feed.invoice(invoice(B, "EUR", JAN, FEB, List.of(reading(null, null, "tokens", "llm_tokens",
                Map.of("model", "gpt-4o"), "100", "50.00", "70.00")), List.of()));
        InvoiceFinalized march = invoice(A, "USD", MAR, APR, List.of(reading(VCPU_BUCKET, "k8s", null, "vcpu_hours",
                Map.of(), "9000", "1000.00", "400.00")), List.of());
        Feed.invoice(march);
        InvoiceVoided voided = new InvoiceVoided(InvoiceVoided.SCHEMA_VERSION, march.id(), march.number(), A, MAR, APR,
                "issued in error");
        // Delivered twice (at least once): the second changes nothing.
        Feed.billing(BillingEvents.clientKey(A), BillingEvents.INVOICE_VOIDED, voided);
        Feed.billing(BillingEvents.clientKey(A), BillingEvents.INVOICE_VOIDED, voided);
        // Applied in order per client: once this sentinel (June) is in, everything before it is too.
        Instant jun = Instant.parse("2019-06-01T00:00:00Z");
        Instant jul = Instant.parse("2019-07-01T00:00:00Z");
        Feed.invoice(invoice(A, "USD", jun, jul, List.of(), List.of()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !margin("client", jun, jul, A)
                .getList("items").isEmpty());
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> margin("client", JAN, FEB, null)
                .getList("items").size() == 2);
    }

    @Test
    void byClientPerCurrencyWithDiscountsAndTheAdjustmentInThePeriodItCorrects() {
        JsonPath january = margin("client", JAN, FEB, null);
        assertThat(row(january, A.toString())).containsEntry("currency", "USD").containsEntry("revenue", "475.50")
                .containsEntry("cost", "228.00").containsEntry("margin", "247.50")
                .containsEntry("marginPercent", "52.05");
        assertThat(row(january, B.toString())).containsEntry("currency", "EUR").containsEntry("revenue", "50.00")
                .containsEntry("margin", "-20.00").containsEntry("marginPercent", "-40.00");
        List<Map<String, Object>> overall = january.getList("overall");
        assertThat(overall).extracting(m -> m.get("currency") + " " + m.get("revenue"))
                .containsExactlyInAnyOrder("USD 475.50", "EUR 50.00");
    }

    @Test
    void byMeterDimensionAndSourceType() {
        JsonPath meters = margin("meter", JAN, FEB, null);
        assertThat(meters.getList("items", Map.class)).extracting(m -> m.get("key") + " " + m.get("currency") + " "
                + m.get("revenue") + " " + m.get("cost")).containsExactlyInAnyOrder("vcpu_hours USD 345.00 160.00",
                        "llm_tokens USD 130.50 68.00", "llm_tokens EUR 50.00 70.00");

        JsonPath models = given().auth().oauth2(TestTokens.viewer()).queryParam("from", JAN.toString())
                .queryParam("to", FEB.toString()).queryParam("groupBy", "dimension").queryParam("dimension", "model")
                .when().get("/api/v1/analytics/margin").then().statusCode(200).extract().jsonPath();
        assertThat(models.getList("items", Map.class)).extracting(m -> m.get("key") + " " + m.get("currency") + " "
                + m.get("revenue")).containsExactlyInAnyOrder("gpt-4o USD 112.50", "small USD 18.00",
                        "(none) USD 345.00", "gpt-4o EUR 50.00");

        JsonPath sources = margin("sourceType", JAN, FEB, null);
        assertThat(sources.getList("items", Map.class)).extracting(m -> m.get("key") + " " + m.get("revenue"))
                .contains("k8s 345.00", "(none) 130.50");
    }

    @Test
    void aVoidInvoiceIsLeftOutAndOneCurrencyGivesOneOverallRow() {
        JsonPath later = margin("client", FEB, APR, A);
        assertThat(later.getList("items", Map.class)).singleElement()
                .satisfies(m -> assertThat(m).containsEntry("revenue", "300.00"));
        assertThat(later.getMap("overall")).containsEntry("currency", "USD").containsEntry("revenue", "300.00")
                .containsEntry("margin", "200.00");
        // Every client's figures by meter read the sums across clients: the void invoice left them too, once.
        assertThat(margin("meter", MAR, APR, null).getList("items")).isEmpty();
        JsonPath nothing = margin("client", APR, Instant.parse("2019-05-01T00:00:00Z"), null);
        assertThat(nothing.getMap("overall")).containsEntry("revenue", "0.00").doesNotContainKey("marginPercent");
    }

    @Test
    void aPageOfGroupsKeepsTheTotalsOverEveryGroup() {
        JsonPath first = page(0, 1);
        assertThat(first.getList("items", Map.class)).singleElement()
                .satisfies(m -> assertThat(m).containsEntry("key", B.toString()).containsEntry("currency", "EUR"));
        assertThat(first.getLong("total")).isEqualTo(2);
        assertThat(first.getInt("size")).isEqualTo(1);
        assertThat(first.<Map<String, Object>> getList("overall")).extracting(m -> m.get("currency") + " "
                + m.get("revenue")).containsExactlyInAnyOrder("USD 475.50", "EUR 50.00");
        JsonPath second = page(1, 1);
        assertThat(second.getList("items", Map.class)).singleElement()
                .satisfies(m -> assertThat(m).containsEntry("key", A.toString()).containsEntry("revenue", "475.50"));
        assertThat(second.getInt("page")).isEqualTo(1);
        JsonPath beyond = page(2, 1);
        assertThat(beyond.getList("items")).isEmpty();
        assertThat(beyond.getLong("total")).isEqualTo(2);
    }

    @Test
    void unitEconomicsByClientPagesClientsEachWithARowPerMeter() {
        JsonPath first = unitEconomics(0);
        assertThat(first.getList("items", Map.class)).extracting(m -> m.get("key") + " " + m.get("meter") + " "
                + m.get("revenue")).containsExactly(B + " llm_tokens 50.00");
        assertThat(first.getLong("total")).as("clients in all").isEqualTo(2);
        JsonPath second = unitEconomics(1);
        assertThat(second.getList("items", Map.class)).extracting(m -> m.get("key") + " " + m.get("meter") + " "
                + m.get("revenue")).containsExactly(A + " vcpu_hours 345.00", A + " llm_tokens 130.50");
    }

    private static JsonPath unitEconomics(int page) {
        return given().auth().oauth2(TestTokens.viewer()).queryParam("from", JAN.toString())
                .queryParam("to", FEB.toString()).queryParam("page", page).queryParam("size", 1).when()
                .get("/api/v1/analytics/unit-economics").then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath page(int page, int size) {
        return given().auth().oauth2(TestTokens.viewer()).queryParam("from", JAN.toString())
                .queryParam("to", FEB.toString()).queryParam("page", page).queryParam("size", size).when()
                .get("/api/v1/analytics/margin").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aBadRangeGroupingOrPageIsRefusedWithAProblem() {
        bad(Map.of("from", FEB.toString(), "to", JAN.toString()), "must be after from");
        bad(Map.of("from", FEB.toString(), "to", FEB.toString()), "must be after from");
        bad(Map.of("from", "2019-01-01T00:00:00Z", "to", "2022-01-01T00:00:01Z"), "at most 36 months");
        bad(Map.of("from", "yesterday", "to", FEB.toString()), "must be an instant");
        bad(Map.of("to", FEB.toString()), "is required");
        bad(Map.of("from", JAN.toString(), "to", FEB.toString(), "groupBy", "planet"), "must be client, meter");
        bad(Map.of("from", JAN.toString(), "to", FEB.toString(), "groupBy", "dimension"), "is required when");
        bad(Map.of("from", JAN.toString(), "to", FEB.toString(), "size", "0"), "size");
        bad(Map.of("from", JAN.toString(), "to", FEB.toString(), "size", "501"), "between 1 and 500");
        bad(Map.of("from", JAN.toString(), "to", FEB.toString(), "page", "-1"), "must be 0 or more");
        given().queryParam("from", JAN.toString()).queryParam("to", FEB.toString()).when()
                .get("/api/v1/analytics/margin").then().statusCode(401);
        for (String months : new String[] { "0", "37" }) {
            given().auth().oauth2(TestTokens.viewer()).queryParam("months", months).when()
                    .get("/api/v1/analytics/margin/trend").then().statusCode(400)
                    .contentType("application/problem+json").body(containsString("months"));
        }
        // Exactly 36 months is accepted.
        given().auth().oauth2(TestTokens.viewer()).queryParam("from", "2019-01-01T00:00:00Z")
                .queryParam("to", "2022-01-01T00:00:00Z").when().get("/api/v1/analytics/margin").then()
                .statusCode(200);
    }

    private static void bad(Map<String, String> params, String detail) {
        given().auth().oauth2(TestTokens.viewer()).queryParams(params).when().get("/api/v1/analytics/margin").then()
                .statusCode(400).contentType("application/problem+json").body(containsString(detail));
    }

    static JsonPath margin(String groupBy, Instant from, Instant to, UUID client) {
        var request = given().auth().oauth2(TestTokens.viewer()).queryParam("from", from.toString())
                .queryParam("to", to.toString()).queryParam("groupBy", groupBy);
        if (client != null) {
            request.queryParam("client", client.toString());
        }
        return request.when().get("/api/v1/analytics/margin").then().statusCode(200).extract().jsonPath();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> row(JsonPath report, String key) {
        return (Map<String, Object>) report.getList("items", Map.class).stream().filter(m -> key.equals(m.get("key")))
                .findFirst().orElseThrow(() -> new AssertionError("no row " + key + " in " + report.prettify()));
    }

    static ReadingSummary reading(UUID bucket, String sourceType, String chargeKey, String meter,
            Map<String, String> dims, String usage, String billed, String cost) {
        return new ReadingSummary(bucket, null, sourceType, chargeKey, meter, dims, new BigDecimal(usage), null, null,
                null, null, null, new BigDecimal(billed), new BigDecimal(cost));
    }

    static LineSummary line(String kind, String amount, String chargeKey) {
        return new LineSummary(kind, new BigDecimal(amount), null, chargeKey, null, null);
    }

    static InvoiceFinalized invoice(UUID client, String currency, Instant start, Instant end,
            List<ReadingSummary> readings, List<LineSummary> lines) {
        BigDecimal total = readings.stream().map(ReadingSummary::billedAmount).reduce(BigDecimal.ZERO,
                BigDecimal::add);
        return new InvoiceFinalized(InvoiceFinalized.SCHEMA_VERSION, UUID.randomUUID(),
                currency + "-2019-" + UUID.randomUUID().toString().substring(0, 6), client, "c-" + client, start, end,
                currency, total, end, end.plus(Duration.ofDays(30)), readings, lines);
    }
}
