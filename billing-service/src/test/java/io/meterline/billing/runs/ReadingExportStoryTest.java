package io.meterline.billing.runs;

import static io.meterline.billing.Billing.client;
import static io.meterline.billing.Billing.createClient;
import static io.meterline.billing.Billing.map;
import static io.meterline.billing.Billing.with;
import static io.meterline.billing.MeteringFeed.event;
import static io.meterline.billing.runs.BillingRunStoryTest.awaitFinished;
import static io.meterline.billing.runs.BillingRunStoryTest.run;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.meterline.billing.BillingWithMeteringTest;
import io.meterline.billing.CatalogFeed;
import io.meterline.billing.MeteringFeed;
import io.meterline.contracts.catalog.UnitTypeChanged;
import io.meterline.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The readings CSV: one file per billing type and month, RFC 4180, safe in a spreadsheet. */
@QuarkusTest
@BillingWithMeteringTest
class ReadingExportStoryTest {

    @Test
    void aMonthsReadingsOfOneUnitTypeExportAsCsvWithFormulasNeutralized() {
        String meter = MeteringFeed.meter("SUM");
        UnitTypeChanged unitType = CatalogFeed.unitType(meter, "100", "10.00", "1.00");
        UnitTypeChanged other = CatalogFeed.unitType(meter + "_other", "1", "1.00", "1.00");
        String hostile = createClient(with(client("x"), "name", "=HYPERLINK(\"http://evil\",\"Acme, Inc\")"));
        // A New York client's January period starts on January 1st in New York, 05:00 UTC.
        String newYork = createClient(with(client("NY Co"), "timeZone", "America/New_York", "startsAt",
                "2026-01-01T05:00:00Z"));
        for (String client : List.of(hostile, newYork)) {
            given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                    .body(map("client", client, "unitType", unitType.name(), "startsAt", "2026-01-01T00:00:00Z"))
                    .when().post("/api/v1/buckets").then().statusCode(201);
        }
        String customer = given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/clients/" + hostile)
                .then().extract().path("externalId");
        MeteringFeed.send(List.of(event("x1", meter, customer, "2026-01-10T00:00:00Z", "130")));
        MeteringFeed.awaitTotal(meter, customer, "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z", "130");
        awaitFinished(run("2026-02-10T00:00:00Z", hostile, newYork));

        String csv = given().auth().oauth2(TestTokens.viewer()).queryParam("period", "2026-01")
                .queryParam("unitType", unitType.name()).when().get("/api/v1/billing-readings/export").then()
                .statusCode(200).contentType("text/csv").extract().asString();
        List<String> lines = List.of(csv.split("\r\n"));
        assertThat(lines.get(0)).isEqualTo("client,externalId,periodStart,periodEnd,bucket,sourceType,unitType,usage,"
                + "commitUnits,overageUnits,overageAmount,bufferUnits,bufferAmount,billedAmount,meteredCost,currency");
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith(
                "\"'=HYPERLINK(\"\"http://evil\"\",\"\"Acme, Inc\"\")\"," + customer + ",2026-01-01T00:00:00Z,"
                        + "2026-02-01T00:00:00Z,").endsWith(",130,100,30,30.00,0,0.00,40.00,0.00,USD"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("2026-01-01T05:00:00Z,2026-02-01T05:00:00Z"));
        assertThat(csv).endsWith("\r\n");

        String otherType = given().auth().oauth2(TestTokens.viewer()).queryParam("period", "2026-01")
                .queryParam("unitType", other.name()).when().get("/api/v1/billing-readings/export").then()
                .statusCode(200).extract().asString();
        assertThat(otherType.split("\r\n")).hasSize(1);
    }

    @Test
    void aBadPeriodOrUnitTypeIs400() {
        given().auth().oauth2(TestTokens.viewer()).queryParam("period", "2026-13").queryParam("unitType", "x")
                .when().get("/api/v1/billing-readings/export").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", contains("period"));
        given().auth().oauth2(TestTokens.viewer()).queryParam("period", "2026-01")
                .when().get("/api/v1/billing-readings/export").then().statusCode(400)
                .body("errors.field", contains("unitType"));
        given().auth().oauth2(TestTokens.viewer()).queryParam("period", "2026-01").queryParam("unitType", "nope")
                .when().get("/api/v1/billing-readings/export").then().statusCode(400)
                .body("errors.field", contains("unitType"));
    }
}
