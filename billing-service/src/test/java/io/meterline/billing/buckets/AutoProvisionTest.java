package io.meterline.billing.buckets;

import static io.meterline.billing.Billing.client;
import static io.meterline.billing.Billing.createClient;
import static io.meterline.billing.Billing.with;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.meterline.billing.BillingDatabase;
import io.meterline.billing.BillingTest;
import io.meterline.billing.CatalogFeed;
import io.meterline.contracts.Topics;
import io.meterline.contracts.assets.AssetChanged;
import io.meterline.contracts.catalog.UnitTypeChanged;
import io.meterline.testing.EventFeed;
import io.meterline.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@BillingTest
class AutoProvisionTest {

    private static void asset(String id, String source, String client) throws Exception {
        AssetChanged event = new AssetChanged(AssetChanged.SCHEMA_VERSION, id, id, null, source, client, true, true,
                false, Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-02T00:00:00Z"), "discovered");
        EventFeed.publish(Topics.METERING_ASSETS, id, AssetChanged.TYPE, "/meterline/metering-service",
                new ObjectMapper().registerModule(new JavaTimeModule()).writeValueAsString(event),
                UUID.randomUUID().toString());
    }

    @Test
    void aClientWithMatchingAssetsGetsAnUnreviewedBucketFromTheTemplateOnce() throws Exception {
        String meter = "pods_" + UUID.randomUUID().toString().substring(0, 8);
        UnitTypeChanged template = new UnitTypeChanged(UnitTypeChanged.SCHEMA_VERSION, UUID.randomUUID(), 1,
                meter + "-hour", null, meter, "SUM", true, "USD", new BigDecimal("720"), new BigDecimal("300.00"),
                new BigDecimal("0.45"), "SOURCE", "k8s-*", false);
        CatalogFeed.publish(template);
        CatalogFeed.awaitUnitType(template.name());
        String acme = createClient(client("Provisioned Co"));
        String customer = given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/clients/" + acme).then()
                .extract().path("externalId");
        String euro = createClient(with(client("Euro Co"), "currency", "EUR"));
        String euroCustomer = given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/clients/" + euro)
                .then().extract().path("externalId");
        String prod = meter + "-node-prod";
        asset(prod, "k8s-prod", customer);
        asset(meter + "-node-aws", "aws", customer);
        asset(meter + "-node-eu", "k8s-eu", euroCustomer);
        asset(meter + "-orphan", "k8s-dev", null);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> BillingDatabase.count(
                "SELECT count(*) FROM asset WHERE id LIKE ?", meter + "%") == 4);

        JsonPath made = given().auth().oauth2(TestTokens.operator()).when().post("/api/v1/buckets/auto-provision")
                .then().statusCode(200).extract().jsonPath();
        List<String> created = made.getList("created.findAll { it.meter == '" + meter + "' }.client");
        // The EUR client is left alone: the template is priced in USD.
        assertThat(created).containsExactly(acme);
        given().auth().oauth2(TestTokens.viewer()).queryParam("client", acme).when().get("/api/v1/buckets").then()
                .statusCode(200).body("total", org.hamcrest.Matchers.equalTo(1),
                        "items[0].reviewed", org.hamcrest.Matchers.equalTo(false),
                        "items[0].autoProvisioned", org.hamcrest.Matchers.equalTo(true),
                        "items[0].assets", org.hamcrest.Matchers.contains(prod),
                        "items[0].commitUnits", org.hamcrest.Matchers.equalTo("720"));

        JsonPath again = given().auth().oauth2(TestTokens.admin()).when().post("/api/v1/buckets/auto-provision")
                .then().statusCode(200).extract().jsonPath();
        assertThat(again.getList("created.findAll { it.meter == '" + meter + "' }")).isEmpty();
        given().auth().oauth2(TestTokens.viewer()).when().post("/api/v1/buckets/auto-provision").then()
                .statusCode(403);
    }
}
