package io.meterline.billing.buckets;

import static io.meterline.billing.Billing.client;
import static io.meterline.billing.Billing.createClient;
import static io.meterline.billing.Billing.map;
import static io.meterline.billing.Billing.with;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.meterline.billing.BillingTest;
import io.meterline.billing.CatalogFeed;
import io.meterline.contracts.Topics;
import io.meterline.contracts.billing.BillingEvents;
import io.meterline.contracts.catalog.UnitTypeChanged;
import io.meterline.testing.TestTokens;
import io.meterline.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@BillingTest
class BucketResourceTest {

    private static final String PATH = "/api/v1/buckets";

    private static Map<String, Object> bucket(String client, String unitType) {
        return map("client", client, "unitType", unitType, "startsAt", "2026-02-01T00:00:00Z");
    }

    private static String create(Map<String, Object> bucket) {
        return given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(bucket)
                .when().post(PATH).then().statusCode(201).extract().path("id");
    }

    private static int bucketsOf(String client) {
        return given().auth().oauth2(TestTokens.viewer()).queryParam("client", client).when().get(PATH)
                .then().statusCode(200).extract().path("total");
    }

    @Test
    void aBucketTakesItsAmountsFromTheUnitTypesTemplateUnlessGiven() {
        UnitTypeChanged vcpu = CatalogFeed.unitType("vcpu_hours", "720", "300.00", "0.45");
        String client = createClient(client("Acme"));
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(bucket(client, vcpu.name()))
                .when().post(PATH).then().statusCode(201)
                .body("client", equalTo(client), "unitType", equalTo(vcpu.id().toString()),
                        "unitTypeName", equalTo(vcpu.name()), "name", equalTo(vcpu.name()),
                        "meter", equalTo("vcpu_hours"), "aggregation", equalTo("SUM"),
                        "commitUnits", equalTo("720"), "basePrice", equalTo("300.00"), "overageRate", equalTo("0.45"),
                        "currency", equalTo("USD"), "startsAt", equalTo("2026-02-01T00:00:00Z"),
                        "reviewed", equalTo(true), "enabled", equalTo(true), "assets", empty());
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(with(bucket(client, vcpu.id().toString()), "commitUnits", "1000", "basePrice", "400",
                        "assets", List.of("node-" + UUID.randomUUID())))
                .when().post(PATH).then().statusCode(201)
                .body("commitUnits", equalTo("1000"), "basePrice", equalTo("400"), "overageRate", equalTo("0.45"));
        assertThat(bucketsOf(client)).isEqualTo(2);
    }

    @Test
    void unknownReferencesAndAUnitTypeInAnotherCurrencyAre400AndStoreNothing() {
        UnitTypeChanged euro = new UnitTypeChanged(UnitTypeChanged.SCHEMA_VERSION, UUID.randomUUID(), 1,
                io.meterline.billing.Billing.unique("gb-month"), null, "storage_gb", "SUM", false, "EUR",
                new java.math.BigDecimal("100"), new java.math.BigDecimal("10"), new java.math.BigDecimal("0.2"),
                null, null, false);
        CatalogFeed.publish(euro);
        CatalogFeed.awaitUnitType(euro.name());
        String client = createClient(client("Dollar Co"));

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(bucket(client, euro.name()))
                .when().post(PATH).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("unitType"), "detail", containsString("EUR"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(bucket(UUID.randomUUID().toString(), euro.name()))
                .when().post(PATH).then().statusCode(400).body("errors.field", contains("client"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(bucket(client, "no-such-unit"))
                .when().post(PATH).then().statusCode(400).body("errors.field", contains("unitType"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(with(bucket(client, euro.name()), "commitUnits", "0", "overageRate", "-1",
                        "assets", List.of("a", "a")))
                .when().post(PATH).then().statusCode(400)
                .body("errors.field", hasItem("commitUnits"), "errors.field", hasItem("overageRate"),
                        "errors.field", hasItem("assets[1]"));
        assertThat(bucketsOf(client)).isZero();
    }

    @Test
    void anAssetCountsInOneBucketPerMeterAndOneBucketCountsTheRest() {
        UnitTypeChanged tokens = CatalogFeed.unitType("llm_tokens", "1000000", "100", "0.0001");
        String client = createClient(client("Tokens Inc"));
        String asset = "gateway-" + UUID.randomUUID();
        String first = create(with(bucket(client, tokens.name()), "assets", List.of(asset)));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(with(bucket(client, tokens.name()), "assets", List.of("other-" + UUID.randomUUID(), asset)))
                .when().post(PATH).then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString(first), "detail", containsString(asset));

        String rest = create(bucket(client, tokens.name()));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(bucket(client, tokens.name()))
                .when().post(PATH).then().statusCode(409).body("detail", containsString(rest));
        // A later unbound bucket is fine once the first has ended.
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(with(bucket(client, tokens.name()), "endsAt", "2026-03-01T00:00:00Z"))
                .when().put(PATH + "/" + rest).then().statusCode(200);
        create(with(bucket(client, tokens.name()), "startsAt", "2026-03-01T00:00:00Z"));
        assertThat(bucketsOf(client)).isEqualTo(3);
    }

    @Test
    void bucketsAreSortedByTheFieldsAsked() {
        UnitTypeChanged vcpu = CatalogFeed.unitType("vcpu_hours", "720", "300", "0.45");
        String client = createClient(client("Sorted Co"));
        // Each counts its own asset: a client has one unbound bucket per meter at a time.
        for (Object[] b : new Object[][] { { "Alpha", "900" }, { "Beta", "100" }, { "Gamma", "500" } }) {
            create(with(bucket(client, vcpu.name()), "name", b[0], "commitUnits", b[1],
                    "assets", List.of("node-" + UUID.randomUUID())));
        }
        given().auth().oauth2(TestTokens.viewer()).queryParam("client", client).when().get(PATH)
                .then().statusCode(200).body("items.name", contains("Alpha", "Beta", "Gamma"));
        given().auth().oauth2(TestTokens.viewer()).queryParam("client", client).queryParam("sort", "-name")
                .when().get(PATH).then().statusCode(200).body("items.name", contains("Gamma", "Beta", "Alpha"));
        given().auth().oauth2(TestTokens.viewer()).queryParam("client", client).queryParam("sort", "commitUnits")
                .when().get(PATH).then().statusCode(200).body("items.name", contains("Beta", "Gamma", "Alpha"));
        given().auth().oauth2(TestTokens.viewer()).queryParam("client", client).queryParam("sort", "unitTypeName")
                .when().get(PATH).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("sort"), "errors[0].message", containsString("commitUnits"));
    }

    @Test
    void aReplacedBucketIsAuditedAndAnnouncedWithItsBindings() {
        UnitTypeChanged vcpu = CatalogFeed.unitType("vcpu_hours", "720", "300", "0.45");
        String client = createClient(client("Globex"));
        String id = create(bucket(client, vcpu.name()));
        String asset = "node-" + UUID.randomUUID();
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(with(bucket(client, vcpu.name()), "commitUnits", "800", "assets", List.of(asset),
                        "reviewed", false))
                .when().put(PATH + "/" + id).then().statusCode(200)
                .body("commitUnits", equalTo("800"), "assets", contains(asset), "reviewed", equalTo(false),
                        "version", equalTo(1));
        given().auth().oauth2(TestTokens.viewer()).queryParam("table", "bucket").queryParam("recordId", id)
                .when().get("/api/v1/audit").then().statusCode(200)
                .body("items.action", contains("update", "create"), "items[0].oldValues.commitUnits", equalTo("720"),
                        "items[0].newValues.commitUnits", equalTo("800"), "items[0].newValues.assets", contains(asset));
        var events = TopicReader.await(Topics.BILLING_EVENTS, m -> m.key().equals(BillingEvents.clientKey(client))
                && BillingEvents.BUCKET_CHANGED.equals(m.header("ce_type"))
                && JsonPath.from(m.value()).getLong("revision") == 1, Duration.ofSeconds(20));
        assertThat(JsonPath.from(events.get(0).value()).getList("assets")).containsExactly(asset);

        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON).body(bucket(client, vcpu.name()))
                .when().post(PATH).then().statusCode(403);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(bucket(createClient(client("Other")), vcpu.name()))
                .when().put(PATH + "/" + id).then().statusCode(409);
    }
}
