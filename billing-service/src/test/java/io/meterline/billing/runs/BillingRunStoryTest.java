package io.meterline.billing.runs;

import static io.meterline.billing.Billing.client;
import static io.meterline.billing.Billing.createClient;
import static io.meterline.billing.Billing.map;
import static io.meterline.billing.Billing.with;
import static io.meterline.billing.MeteringFeed.event;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.meterline.billing.BillingWithMeteringTest;
import io.meterline.billing.CatalogFeed;
import io.meterline.billing.MeteringFeed;
import io.meterline.contracts.Topics;
import io.meterline.contracts.billing.BillingEvents;
import io.meterline.contracts.catalog.UnitTypeChanged;
import io.meterline.testing.MeteringServiceResource;
import io.meterline.testing.TestTokens;
import io.meterline.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Billing stories, end to end: usage sent through metering's real API, pricing's catalog on Kafka, a billing run
 * started through the API, and the exact invoice lines read back, as Kill Bill's story tests read.
 */
@QuarkusTest
@BillingWithMeteringTest
public class BillingRunStoryTest {

    static final String JAN = "2026-01-01T00:00:00Z";
    static final String FEB = "2026-02-01T00:00:00Z";
    static final String AS_OF = "2026-02-05T00:00:00Z";

    /** A client with an unbound vCPU bucket (commit 720, base 300.00, overage 0.45). */
    private static String clientWithBucket(String name, UnitTypeChanged unitType) {
        Map<String, Object> body = client(name);
        String id = createClient(body);
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(map("client", id, "unitType", unitType.name(), "startsAt", JAN))
                .when().post("/api/v1/buckets").then().statusCode(201);
        return id;
    }

    private static String externalId(String client) {
        return given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/clients/" + client).then()
                .statusCode(200).extract().path("externalId");
    }

    public static String run(String asOf, String... clients) {
        return given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(map("asOf", asOf, "clients", List.of(clients))).when().post("/api/v1/billing-runs").then()
                .statusCode(202).body("status", equalTo("QUEUED")).extract().path("id");
    }

    public static JsonPath awaitFinished(String run) {
        JsonPath[] last = new JsonPath[1];
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            last[0] = given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/billing-runs/" + run).then()
                    .statusCode(200).extract().jsonPath();
            return !List.of("QUEUED", "RUNNING").contains(last[0].getString("status"));
        });
        return last[0];
    }

    public static JsonPath invoices(String client) {
        return given().auth().oauth2(TestTokens.viewer()).queryParam("client", client).when().get("/api/v1/invoices")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void overAndUnderCommitAreBilledWithExactLinesOnceHoweverOftenTheRunRuns() {
        String meter = MeteringFeed.meter("SUM");
        UnitTypeChanged vcpu = CatalogFeed.unitType(meter, "720", "300.00", "0.45");
        String over = clientWithBucket("Over Co", vcpu);
        String under = clientWithBucket("Under Co", vcpu);
        MeteringFeed.send(List.of(
                event("o1", meter, externalId(over), "2026-01-10T10:00:00Z", "500"),
                event("o2", meter, externalId(over), "2026-01-20T10:00:00Z", "300"),
                event("o3", meter, externalId(over), "2026-02-02T10:00:00Z", "999"), // next period
                event("u1", meter, externalId(under), "2026-01-15T10:00:00Z", "540")));
        MeteringFeed.awaitTotal(meter, externalId(over), JAN, FEB, "800");
        MeteringFeed.awaitTotal(meter, externalId(under), JAN, FEB, "540");

        JsonPath run = awaitFinished(run(AS_OF, over, under));
        assertThat(run.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(run.getInt("progress.done")).isEqualTo(2);
        assertThat(run.getInt("progress.total")).isEqualTo(2);
        assertThat(run.getList("errors")).isEmpty();

        JsonPath overInvoices = invoices(over);
        assertThat(overInvoices.getInt("total")).isEqualTo(1);
        assertThat(overInvoices.getString("items[0].periodStart")).isEqualTo(JAN);
        assertThat(overInvoices.getString("items[0].periodEnd")).isEqualTo(FEB);
        assertThat(overInvoices.getList("items[0].lines.kind")).containsExactly("BASE", "OVERAGE");
        assertThat(overInvoices.getList("items[0].lines.amount")).containsExactly("300.00", "36.00");
        assertThat(overInvoices.getString("items[0].lines[1].quantity")).isEqualTo("80");
        assertThat(overInvoices.getString("items[0].total")).isEqualTo("336.00");
        assertThat(overInvoices.getString("items[0].status")).isEqualTo("FINALIZED");
        assertThat(overInvoices.getString("items[0].number")).matches("USD-\\d{4}-\\d{6}");
        assertThat(overInvoices.getString("items[0].dueAt")).isNotNull();

        JsonPath underInvoices = invoices(under);
        assertThat(underInvoices.getList("items[0].lines.amount")).containsExactly("300.00");
        given().auth().oauth2(TestTokens.viewer()).queryParam("client", under).when().get("/api/v1/billing-readings")
                .then().statusCode(200).body("total", equalTo(1), "items[0].usage", equalTo("540"),
                        "items[0].commitUnits", equalTo("720"), "items[0].bufferUnits", equalTo("180"),
                        "items[0].bufferAmount", equalTo("75.00"), "items[0].overageUnits", equalTo("0"),
                        "items[0].billedAmount", equalTo("300.00"), "items[0].finalized", equalTo(true),
                        "items[0].periodStart", equalTo(JAN));

        // The same run again makes nothing new.
        JsonPath again = awaitFinished(run(AS_OF, over, under));
        assertThat(again.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(again.getInt("invoices")).isZero();
        assertThat(invoices(over).getInt("total")).isEqualTo(1);
        assertThat(invoices(under).getInt("total")).isEqualTo(1);
    }

    @Test
    void aClientMeteringCannotAnswerForFailsAloneAndTheRunIsPartial() {
        String meter = MeteringFeed.meter("SUM");
        UnitTypeChanged known = CatalogFeed.unitType(meter, "10", "5.00", "1.00");
        UnitTypeChanged unknownToMetering = CatalogFeed.unitType("never_defined_" + System.nanoTime(), "10", "5.00",
                "1.00");
        String good = clientWithBucket("Good Co", known);
        String bad = clientWithBucket("Bad Co", unknownToMetering);
        MeteringFeed.send(List.of(event("g1", meter, externalId(good), "2026-01-10T10:00:00Z", "12")));
        MeteringFeed.awaitTotal(meter, externalId(good), JAN, FEB, "12");

        JsonPath run = awaitFinished(run(AS_OF, good, bad));
        assertThat(run.getString("status")).isEqualTo("PARTIAL");
        assertThat(run.getList("errors.client")).containsExactly(bad);
        assertThat(run.getString("errors[0].reason")).contains("400", unknownToMetering.meter());
        assertThat(invoices(good).getList("items[0].lines.amount")).containsExactly("5.00", "2.00");
        assertThat(invoices(bad).getInt("total")).isZero();
    }

    @Test
    void withMeteringDownNothingIsBilledAndTheNextRunBillsEverything() {
        String meter = MeteringFeed.meter("SUM");
        UnitTypeChanged unitType = CatalogFeed.unitType(meter, "100", "50.00", "0.10");
        String client = clientWithBucket("Outage Co", unitType);
        MeteringFeed.send(List.of(event("d1", meter, externalId(client), "2026-01-03T10:00:00Z", "150")));
        MeteringFeed.awaitTotal(meter, externalId(client), JAN, FEB, "150");

        MeteringServiceResource.shutDown();
        try {
            JsonPath failed = awaitFinished(run(AS_OF, client));
            assertThat(failed.getString("status")).isEqualTo("FAILED");
            assertThat(failed.getList("errors.client")).containsExactly(client);
            assertThat(invoices(client).getInt("total")).isZero();
        } finally {
            MeteringServiceResource.restart();
        }
        JsonPath billed = awaitFinished(run(AS_OF, client));
        assertThat(billed.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(invoices(client).getList("items[0].lines.amount")).containsExactly("50.00", "5.00");
    }

    @Test
    void twoConcurrentRunsBillEachPeriodOnce() {
        String meter = MeteringFeed.meter("SUM");
        UnitTypeChanged unitType = CatalogFeed.unitType(meter, "100", "10.00", "0.50");
        String first = clientWithBucket("Twice A", unitType);
        String second = clientWithBucket("Twice B", unitType);
        String runA = run(AS_OF, first, second);
        String runB = run(AS_OF, second, first);
        JsonPath a = awaitFinished(runA);
        JsonPath b = awaitFinished(runB);
        assertThat(a.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(b.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(a.getInt("invoices") + b.getInt("invoices")).isEqualTo(2);
        assertThat(invoices(first).getInt("total")).isEqualTo(1);
        assertThat(invoices(second).getInt("total")).isEqualTo(1);
    }

    @Test
    void badRunRequestsAre400AndStartNothing() {
        int before = given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/billing-runs").then()
                .statusCode(200).extract().path("total");
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(map("asOf", "2999-01-01T00:00:00Z")).when().post("/api/v1/billing-runs").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", contains("asOf"));
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(map("asOf", AS_OF, "clients", List.of(java.util.UUID.randomUUID().toString())))
                .when().post("/api/v1/billing-runs").then().statusCode(400)
                .body("errors.field", contains("clients"), "detail", containsString("no client"));
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON).body(map("asOf", AS_OF))
                .when().post("/api/v1/billing-runs").then().statusCode(403);
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/billing-runs").then().statusCode(200)
                .body("total", equalTo(before));
    }

    @Test
    void operatorsMarkInvoicesPaidAndOnlyAdminsVoidThem() {
        String meter = MeteringFeed.meter("SUM");
        String client = clientWithBucket("Payer Co", CatalogFeed.unitType(meter, "1", "9.99", "1.00"));
        awaitFinished(run(AS_OF, client));
        String invoice = invoices(client).getString("items[0].id");
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(map("reason", "wrong"))
                .when().post("/api/v1/invoices/" + invoice + "/void").then().statusCode(403);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(map())
                .when().post("/api/v1/invoices/" + invoice + "/void").then().statusCode(400)
                .body("errors.field", contains("reason"));
        given().auth().oauth2(TestTokens.operator()).when().post("/api/v1/invoices/" + invoice + "/pay").then()
                .statusCode(200).body("status", equalTo("PAID"), "total", equalTo("9.99"));
        given().auth().oauth2(TestTokens.operator()).when().post("/api/v1/invoices/" + invoice + "/pay").then()
                .statusCode(409);
        String number = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(map("reason", "Billed to the wrong client")).when().post("/api/v1/invoices/" + invoice + "/void")
                .then().statusCode(200).body("status", equalTo("VOID"), "voidReason",
                        equalTo("Billed to the wrong client"), "lines.amount", contains("9.99"),
                        "number", matchesPattern("USD-\\d{4}-\\d{6}")).extract().path("number");
        // Projections and analytics leave a void invoice out: billing says so on its events topic.
        List<TopicReader.Message> voided = TopicReader.await(Topics.BILLING_EVENTS,
                m -> BillingEvents.clientKey(client).equals(m.key())
                        && BillingEvents.INVOICE_VOIDED.equals(m.header("ce_type")),
                Duration.ofSeconds(20));
        JsonPath event = JsonPath.from(voided.get(0).value());
        assertThat(voided).hasSize(1);
        assertThat(event.getString("id")).isEqualTo(invoice);
        assertThat(event.getString("number")).isEqualTo(number);
        assertThat(event.getString("client")).isEqualTo(client);
        assertThat(event.getString("reason")).isEqualTo("Billed to the wrong client");
        assertThat(event.getInt("schemaVersion")).isEqualTo(1);
        given().auth().oauth2(TestTokens.viewer()).queryParam("table", "invoice").queryParam("recordId", invoice)
                .when().get("/api/v1/audit").then().statusCode(200).body("items.action", contains("void", "pay"));
    }
}
