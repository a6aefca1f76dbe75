package io.meterline.projection.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.meterline.contracts.billing.BillingEvents;
import io.meterline.contracts.billing.BucketChanged;
import io.meterline.contracts.billing.ClientChanged;
import io.meterline.contracts.billing.InvoiceFinalized;
import io.meterline.contracts.billing.InvoiceFinalized.ReadingSummary;
import io.meterline.contracts.billing.InvoiceVoided;
import io.meterline.contracts.catalog.UnitTypeChanged;
import io.meterline.projection.Feed;
import io.meterline.projection.ProjectionTest;
import io.meterline.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Over/under, the dashboard and unit economics from last month's invoices and this month's projections: an
 * under-committed client now projected over, an over-committed one, and a mixed one.
 */
@QuarkusTest
@ProjectionTest
class CommitAnalyticsStoryTest {

    static final YearMonth LAST = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
    static final Instant LAST_START = LAST.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    static final Instant LAST_END = LAST.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    static ClientChanged under;
    static ClientChanged over;
    static ClientChanged mixed;
    static BucketChanged underBucket;
    static UnitTypeChanged vcpu;

    @BeforeEach
    void invoices() {
        if (under != null) {
            return;
        }
        vcpu = Feed.unitType("vcpu_hours", "SUM");
        under = Feed.client(Feed.unique("under"), "USD", "UTC");
        over = Feed.client(Feed.unique("over"), "USD", "UTC");
        mixed = Feed.client(Feed.unique("mixed"), "USD", "UTC");
        underBucket = Feed.bucket(under, vcpu, "720", "300.00", "0.45", List.of());
        invoice(under, List.of(bucketReading(underBucket.id(), "500", "0", "0.00", "220", "91.67", "300.00")));
        invoice(over, List.of(bucketReading(UUID.randomUUID(), "800", "80", "36.00", "0", "0.00", "336.00")));
        invoice(mixed, List.of(bucketReading(UUID.randomUUID(), "800", "80", "36.00", "0", "0.00", "336.00"),
                bucketReading(UUID.randomUUID(), "360", "0", "0.00", "360", "150.00", "300.00")));
        // This month the under-committed client runs well above its commit already.
        Feed.metered(Feed.usage(under.externalId(), "vcpu_hours", "node-1", Feed.hoursAgo(Instant.now(), 1),
                "900", Map.of()));
        // Billing's events and the catalog's arrive on two topics: wait for the invoices and the unit type's name.
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> status(under) != null && status(mixed) != null
                && status(over) != null && overUnder("under").getList("rightSize.unitTypes.flatten()", String.class)
                        .contains(vcpu.name()));
    }

    @Test
    void eachClientsLastPeriodStatusRightSizeCandidatesAndUnitTypes() {
        assertThat(status(under)).containsEntry("status", "UNDER").containsEntry("finalCost", "300.00")
                .containsEntry("buffer", "91.67").containsEntry("usageVsCommitPercent", "69.44");
        assertThat(status(over)).containsEntry("status", "OVER").containsEntry("overage", "36.00")
                .containsEntry("committed", "300.00");
        assertThat(status(mixed)).containsEntry("status", "MIXED");

        JsonPath onlyUnder = overUnder("under");
        assertThat(onlyUnder.getList("clients.status", String.class)).containsOnly("UNDER");
        assertThat(onlyUnder.getList("rightSize", Map.class)).anySatisfy(c -> assertThat(c)
                .containsEntry("client", under.id().toString()).containsEntry("committed", "300.00")
                .containsEntry("buffer", "91.67").containsEntry("bufferUnits", "220")
                .containsEntry("percentUnused", "30.56").containsEntry("unitTypes", List.of(vcpu.name())));
        JsonPath all = overUnder("all");
        assertThat(all.getList("byUnitType", Map.class)).anySatisfy(u -> assertThat(u)
                .containsEntry("unitType", vcpu.id().toString()).containsEntry("name", vcpu.name())
                // −220 (under) + 80 (over) + 80 − 360 (mixed)
                .containsEntry("deltaUnits", "-420").containsEntry("overage", "72.00")
                .containsEntry("buffer", "241.67"));
        assertThat(all.getList("trend", Map.class)).anySatisfy(t -> {
            assertThat(t).containsEntry("month", LAST.toString()).containsEntry("currency", "USD");
            assertThat(new BigDecimal((String) t.get("overage"))).isGreaterThanOrEqualTo(new BigDecimal("72.00"));
        });
        given().auth().oauth2(TestTokens.viewer()).queryParam("status", "sideways").when()
                .get("/api/v1/analytics/over-under").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.viewer()).queryParam("limit", 0).when()
                .get("/api/v1/analytics/over-under").then().statusCode(400);
    }

    @Test
    void lastPeriodIsTheLatestNotVoidOneWhateverOrderInvoicesArriveIn() {
        ClientChanged late = Feed.client(Feed.unique("late"), "USD", "UTC");
        // Its own unit type, so the other stories' figures by unit type stay theirs.
        UnitTypeChanged gpu = Feed.unitType("gpu_hours", "SUM");
        InvoiceFinalized last = invoice(late, LAST_START, LAST_END,
                List.of(bucketReading(gpu, UUID.randomUUID(), "800", "80", "36.00", "0", "0.00", "336.00")));
        // The period before arrives after it (a re-sent or late invoice): it does not become the last period.
        YearMonth before = LAST.minusMonths(1);
        Instant beforeStart = before.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        invoice(late, beforeStart, LAST_START,
                List.of(bucketReading(gpu, UUID.randomUUID(), "500", "0", "0.00", "220", "91.67", "300.00")));
        // Billing's events are applied in order per client: once the second is in, the first was too.
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> closedMonths(late)
                .containsAll(List.of(LAST.toString(), before.toString())));
        assertThat(status(late)).containsEntry("status", "OVER").containsEntry("periodStart", LAST_START.toString());

        // Voiding the last period makes the one before it the last again.
        Feed.billing(BillingEvents.clientKey(late.id()), BillingEvents.INVOICE_VOIDED, new InvoiceVoided(
                InvoiceVoided.SCHEMA_VERSION, last.id(), last.number(), late.id(), LAST_START, LAST_END, "in error"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(status(late))
                .containsEntry("status", "UNDER").containsEntry("periodStart", beforeStart.toString()));
    }

    @Test
    void theDashboardFlagsANewOverageAndCountsStatuses() {
        JsonPath dashboard = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> given().auth()
                .oauth2(TestTokens.viewer()).when().get("/api/v1/analytics/dashboard").then().statusCode(200)
                .extract().jsonPath(), d -> d.getList("newOverages.bucket", String.class)
                        .contains(underBucket.id().toString()));
        assertThat(dashboard.getInt("clientStatus.UNDER")).isPositive();
        assertThat(dashboard.getInt("clientStatus.OVER")).isPositive();
        assertThat(dashboard.getInt("clientStatus.MIXED")).isPositive();
        assertThat(dashboard.getList("revenueBySourceType.sourceType", String.class)).contains("k8s");
        assertThat(dashboard.getList("projectedRevenue.currency", String.class)).contains("USD");
        assertThat(dashboard.getList("topClients", Map.class)).isNotEmpty().hasSizeLessThanOrEqualTo(10);
        assertThat(dashboard.getString("health.lastProjection")).isNotNull();
    }

    @Test
    void unitEconomicsPerClientAndMeter() {
        JsonPath page = given().auth().oauth2(TestTokens.viewer())
                .queryParam("from", LAST_START.toString()).queryParam("to", LAST_END.toString())
                .queryParam("client", under.id().toString()).when().get("/api/v1/analytics/unit-economics").then()
                .statusCode(200).extract().jsonPath();
        assertThat(page.getLong("total")).isEqualTo(1);
        List<Map<String, Object>> rows = page.getList("items");
        assertThat(rows).singleElement().satisfies(r -> assertThat(r).containsEntry("meter", "vcpu_hours")
                .containsEntry("usage", "500").containsEntry("revenue", "300.00").containsEntry("cost", "100.00")
                .containsEntry("revenuePerUnit", "0.6").containsEntry("costPerUnit", "0.2")
                .containsEntry("contributionMargin", "200.00").containsEntry("contributionMarginPercent", "66.67"));
        given().auth().oauth2(TestTokens.viewer()).queryParam("from", LAST_START.toString())
                .queryParam("to", LAST_END.toString()).queryParam("groupBy", "sourceType").when()
                .get("/api/v1/analytics/unit-economics").then().statusCode(400);
    }

    static Map<String, Object> status(ClientChanged client) {
        return overUnder("all").<Map<String, Object>> getList("clients").stream()
                .filter(c -> client.id().toString().equals(c.get("client"))).findFirst().orElse(null);
    }

    static JsonPath overUnder(String status) {
        return given().auth().oauth2(TestTokens.viewer()).queryParam("status", status).queryParam("limit", 1000)
                .when().get("/api/v1/analytics/over-under").then().statusCode(200).extract().jsonPath();
    }

    static ReadingSummary bucketReading(UUID bucket, String usage, String overUnits, String overAmount,
            String bufferUnits, String bufferAmount, String billed) {
        return bucketReading(vcpu, bucket, usage, overUnits, overAmount, bufferUnits, bufferAmount, billed);
    }

    static ReadingSummary bucketReading(UnitTypeChanged unitType, UUID bucket, String usage, String overUnits,
            String overAmount, String bufferUnits, String bufferAmount, String billed) {
        return new ReadingSummary(bucket, unitType.id(), "k8s", null, unitType.meter(), Map.of(), new BigDecimal(usage),
                new BigDecimal("720"), new BigDecimal(overUnits), new BigDecimal(overAmount),
                new BigDecimal(bufferUnits), new BigDecimal(bufferAmount), new BigDecimal(billed),
                new BigDecimal(usage).multiply(new BigDecimal("0.2")).setScale(2));
    }

    static void invoice(ClientChanged client, List<ReadingSummary> readings) {
        invoice(client, LAST_START, LAST_END, readings);
    }

    static InvoiceFinalized invoice(ClientChanged client, Instant start, Instant end, List<ReadingSummary> readings) {
        BigDecimal total = readings.stream().map(ReadingSummary::billedAmount).reduce(BigDecimal.ZERO,
                BigDecimal::add);
        InvoiceFinalized invoice = new InvoiceFinalized(InvoiceFinalized.SCHEMA_VERSION, UUID.randomUUID(),
                "USD-T-" + UUID.randomUUID().toString().substring(0, 6), client.id(), client.externalId(), start, end,
                "USD", total, end, end.plus(Duration.ofDays(30)), readings, List.of());
        Feed.invoice(invoice);
        return invoice;
    }

    /** The months the client's margin trend has figures for. */
    static List<String> closedMonths(ClientChanged client) {
        return given().auth().oauth2(TestTokens.viewer()).queryParam("client", client.id().toString())
                .queryParam("months", 6).when().get("/api/v1/analytics/margin/trend").then().statusCode(200)
                .extract().jsonPath().getList("key", String.class);
    }
}
