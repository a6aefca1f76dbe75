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
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.meterline.billing.BillingWithMeteringTest;
import io.meterline.billing.CatalogFeed;
import io.meterline.billing.MeteringFeed;
import io.meterline.contracts.catalog.UnitTypeChanged;
import io.meterline.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Late usage: corrected once on the next invoice, or reported and never billed. */
@QuarkusTest
@BillingWithMeteringTest
class LateUsageStoryTest {

    static final String JAN = "2026-01-01T00:00:00Z";
    static final String FEB = "2026-02-01T00:00:00Z";

    record Setup(String meter, String client, String customer) {
    }

    /** A client billed from January with a bucket of commit 100, base 10.00 and overage 1.00; 120 used in January. */
    private static Setup setup(String name) {
        String meter = MeteringFeed.meter("SUM");
        UnitTypeChanged unitType = CatalogFeed.unitType(meter, "100", "10.00", "1.00");
        String client = createClient(client(name));
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(map("client", client, "unitType", unitType.name(), "startsAt", JAN))
                .when().post("/api/v1/buckets").then().statusCode(201);
        String customer = given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/clients/" + client).then()
                .extract().path("externalId");
        MeteringFeed.send(List.of(event("jan-1", meter, customer, "2026-01-05T08:00:00Z", "120")));
        MeteringFeed.awaitTotal(meter, customer, JAN, FEB, "120");
        JsonPath january = awaitFinished(run("2026-02-05T00:00:00Z", client));
        assertThat(january.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(invoices(client).getList("items[0].lines.amount")).containsExactly("10.00", "20.00");
        return new Setup(meter, client, customer);
    }

    private static void lateEventInJanuary(Setup s) {
        MeteringFeed.send(List.of(event("jan-late", s.meter(), s.customer(), "2026-01-20T08:00:00Z", "30")));
        MeteringFeed.awaitTotal(s.meter(), s.customer(), JAN, FEB, "150");
    }

    @Test
    void aLateEventIsCorrectedOnTheNextInvoiceOnceHoweverOftenRunsRepeat() {
        Setup s = setup("Late Co");
        lateEventInJanuary(s);
        // February is not over yet: nothing to carry the correction, however often the run repeats.
        for (int i = 0; i < 3; i++) {
            assertThat(awaitFinished(run("2026-02-20T00:00:00Z", s.client())).getInt("invoices")).isZero();
        }
        for (int i = 0; i < 3; i++) {
            awaitFinished(run("2026-03-05T00:00:00Z", s.client()));
        }
        JsonPath invoices = invoices(s.client());
        assertThat(invoices.getInt("total")).isEqualTo(2);
        // Newest first: February carries January's correction, 30 more units above the commit.
        assertThat(invoices.getList("items[0].lines.kind")).containsExactly("BASE", "ADJUSTMENT");
        assertThat(invoices.getList("items[0].lines.amount")).containsExactly("10.00", "30.00");
        assertThat(invoices.getString("items[0].lines[1].period")).isEqualTo(JAN);
        assertThat(invoices.getString("items[0].total")).isEqualTo("40.00");
        // January's invoice never changed.
        assertThat(invoices.getList("items[1].lines.amount")).containsExactly("10.00", "20.00");

        awaitFinished(run("2026-04-05T00:00:00Z", s.client()));
        JsonPath march = invoices(s.client());
        assertThat(march.getInt("total")).isEqualTo(3);
        assertThat(march.getList("items[0].lines.kind")).containsExactly("BASE");
        assertThat(march.getString("items[0].total")).isEqualTo("10.00");
    }

    @Test
    void aRejectMetersLateUsageIsReportedAndNeverBilled() {
        Setup s = setup("Strict Co");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(map("policy", "REJECT"))
                .when().put("/api/v1/late-usage-policies/" + s.meter()).then().statusCode(200)
                .body("meter", equalTo(s.meter()), "policy", equalTo("REJECT"));
        lateEventInJanuary(s);
        awaitFinished(run("2026-03-05T00:00:00Z", s.client()));
        JsonPath invoices = invoices(s.client());
        assertThat(invoices.getList("items[0].lines.kind")).containsExactly("BASE");
        assertThat(invoices.getString("items[0].total")).isEqualTo("10.00");
        given().auth().oauth2(TestTokens.viewer()).queryParam("client", s.client()).when().get("/api/v1/late-usage")
                .then().statusCode(200).body("total", equalTo(1), "items[0].meter", equalTo(s.meter()),
                        "items[0].periodStart", equalTo(JAN), "items[0].billedUsage", equalTo("120"),
                        "items[0].currentUsage", equalTo("150"), "items[0].lateUsage", equalTo("30"));
    }

    @Test
    void policiesAreAdminsOnlyAndNamedExactly() {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(map("policy", "SOMETIMES"))
                .when().put("/api/v1/late-usage-policies/api_calls").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", contains("policy"));
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(map("policy", "REJECT"))
                .when().put("/api/v1/late-usage-policies/api_calls").then().statusCode(403);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(map("policy", "REJECT"))
                .when().put("/api/v1/late-usage-policies/Not A Meter").then().statusCode(400);
    }
}
