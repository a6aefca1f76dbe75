package io.meterline.billing.runs;

import static io.meterline.billing.Billing.client;
import static io.meterline.billing.Billing.createClient;
import static io.meterline.billing.Billing.map;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.meterline.billing.BillingDatabase;
import io.meterline.billing.BillingWithMeteringTest;
import io.meterline.billing.CatalogFeed;
import io.meterline.billing.MeteringFeed;
import io.meterline.contracts.catalog.UnitTypeChanged;
import io.meterline.testing.MeteringServiceResource;
import io.meterline.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Revenue leakage: a client's asset that no bucket counts, valued at the unit type's overage rate. */
@QuarkusTest
@BillingWithMeteringTest
class UnboundAssetsStoryTest {

    @Test
    void anAssignedAssetNoBucketCountsIsListedWithItsUsageValued() {
        String meter = MeteringFeed.meter("SUM");
        UnitTypeChanged unitType = CatalogFeed.unitType(meter, "100", "10.00", "0.50");
        String client = createClient(client("Leaky Co"));
        String customer = given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/clients/" + client).then()
                .extract().path("externalId");
        String bound = meter + "-bound";
        String leak = meter + "-leak";
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(map("client", client, "unitType", unitType.name(), "startsAt", "2026-01-01T00:00:00Z",
                        "assets", List.of(bound)))
                .when().post("/api/v1/buckets").then().statusCode(201);
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant at = hour.minus(30, ChronoUnit.MINUTES);
        MeteringFeed.send(List.of(
                map("id", "u1", "meter", meter, "customer", customer, "asset", bound, "timestamp", at.toString(),
                        "value", "10"),
                map("id", "u2", "meter", meter, "customer", customer, "asset", leak, "timestamp", at.toString(),
                        "value", "20")));
        MeteringFeed.awaitTotal(meter, customer, at.toString(), hour.toString(), "30");
        // metering takes the assignment once billing's client event has reached it.
        for (String asset : List.of(bound, leak)) {
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> given()
                    .baseUri(MeteringServiceResource.url()).auth().oauth2(TestTokens.admin())
                    .contentType(ContentType.JSON).body(Map.of("client", customer))
                    .when().put("/api/v1/assets/" + asset + "/client").statusCode() == 200);
        }
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> BillingDatabase.count(
                "SELECT count(*) FROM asset WHERE id = ? AND client = ?", leak, customer) == 1);

        JsonPath unbound = given().auth().oauth2(TestTokens.viewer()).when()
                .get("/api/v1/clients/" + client + "/unbound-assets").then().statusCode(200).extract().jsonPath();
        // The server's last whole hour: the test's, or the next when the hour turned in between (then the period may
        // be the next month's, and the usage before it).
        Instant through = Instant.parse(unbound.getString("usageThrough"));
        assertThat(through).isIn(hour, hour.plus(1, ChronoUnit.HOURS));
        Instant monthStart = through.atZone(ZoneOffset.UTC).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).toInstant();
        if (at.isBefore(monthStart)) {
            assertThat(unbound.getList("assets")).isEmpty(); // the usage fell in the previous period
            return;
        }
        assertThat(unbound.getList("assets.asset")).containsExactly(leak);
        assertThat(unbound.getString("assets[0].usage")).isEqualTo("20");
        assertThat(unbound.getString("assets[0].value")).isEqualTo("10.00");
        assertThat(unbound.getString("assets[0].valuedBy")).contains(unitType.name(), "0.50");
        assertThat(unbound.getString("total")).isEqualTo("10.00");
    }
}
