package io.meterline.pricing.unittypes;

import static io.meterline.pricing.Catalog.map;
import static io.meterline.pricing.Catalog.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.meterline.contracts.Topics;
import io.meterline.contracts.catalog.CatalogEvents;
import io.meterline.pricing.PricingTest;
import io.meterline.testing.TestTokens;
import io.meterline.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@PricingTest
class UnitTypeResourceTest {

    private static final String PATH = "/api/v1/unit-types";

    private static Map<String, Object> vcpuHour(String name) {
        return map("name", name, "description", "One vCPU for one hour", "meter", "vcpu_hours", "aggregation", "SUM",
                "autoProvision", true, "currency", "USD", "commitUnits", "720", "basePrice", "300.00",
                "overageRate", "0.45", "filterOn", "SOURCE", "filterPattern", "k8s-*");
    }

    @Test
    void aUnitTypeIsCreatedReplacedAndDeletedEachChangeAuditedAndAnnounced() {
        String name = unique("vcpu-hour");
        String id = given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(vcpuHour(name))
                .when().post(PATH).then().statusCode(201)
                .body("revision", equalTo(1), "basePrice", equalTo("300"), "overageRate", equalTo("0.45"))
                .extract().path("id");

        Map<String, Object> cheaper = vcpuHour(name);
        cheaper.put("overageRate", "0.40");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(cheaper)
                .when().put(PATH + "/" + id).then().statusCode(200).body("revision", equalTo(2), "overageRate", equalTo("0.4"));
        given().auth().oauth2(TestTokens.viewer()).when().get(PATH + "/" + id).then().statusCode(200)
                .body("name", equalTo(name));

        given().auth().oauth2(TestTokens.admin()).when().delete(PATH + "/" + id).then().statusCode(204);
        given().auth().oauth2(TestTokens.viewer()).when().get(PATH + "/" + id).then().statusCode(404);
        given().auth().oauth2(TestTokens.viewer()).when().get(PATH + "?size=500").then().statusCode(200)
                .body("items.name", not(hasItem(name)));

        given().auth().oauth2(TestTokens.viewer()).queryParam("table", "unit_type").queryParam("recordId", id)
                .when().get("/api/v1/audit").then().statusCode(200)
                .body("total", equalTo(3), "items.action", org.hamcrest.Matchers.contains("delete", "update", "create"),
                        "items[1].oldValues.overageRate", equalTo("0.45"), "items[1].newValues.overageRate", equalTo("0.4"),
                        "items[2].actorType", equalTo("user"));

        var deleted = TopicReader.await(Topics.PRICING_CATALOG, m -> m.key().equals(CatalogEvents.unitTypeKey(id))
                && JsonPath.from(m.value()).getBoolean("deleted"), Duration.ofSeconds(20));
        assertThat(deleted).hasSize(1);
        assertThat(JsonPath.from(deleted.get(0).value()).getInt("revision")).isEqualTo(3);
        // The one CloudEvents envelope, as every Meterline publisher writes it.
        TopicReader.Message event = deleted.get(0);
        assertThat(event.header("ce_specversion")).isEqualTo("1.0");
        assertThat(event.header("ce_type")).isEqualTo(CatalogEvents.UNIT_TYPE_CHANGED);
        assertThat(event.header("ce_source")).isEqualTo(CatalogEvents.SOURCE);
        assertThat(event.header("ce_subject")).isEqualTo(id);
        assertThat(event.header("ce_id")).isNotBlank();
        assertThat(event.header("ce_time")).matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z");
        assertThat(event.header("content-type")).isEqualTo("application/json");
    }

    @Test
    void changesRacingOnOneUnitTypeEachWinOrGet409AndTheRevisionCountsTheWinners() throws Exception {
        String name = unique("raced");
        String id = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(vcpuHour(name))
                .when().post(PATH).then().statusCode(201).extract().path("id");
        int racers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            Map<String, Object> change = vcpuHour(name);
            change.put("overageRate", "0." + (10 + i));
            statuses.add(pool.submit(() -> {
                start.await();
                return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(change)
                        .when().put(PATH + "/" + id).then().extract().statusCode();
            }));
        }
        start.countDown();
        int won = 0;
        for (Future<Integer> status : statuses) {
            int code = status.get(30, TimeUnit.SECONDS);
            assertThat(code).as("each racer wins or is told of the conflict").isIn(200, 409);
            won += code == 200 ? 1 : 0;
        }
        pool.shutdown();
        assertThat(won).isPositive();
        given().auth().oauth2(TestTokens.viewer()).when().get(PATH + "/" + id).then().statusCode(200)
                .body("revision", equalTo(1 + won));
        given().auth().oauth2(TestTokens.viewer()).queryParam("table", "unit_type").queryParam("recordId", id)
                .when().get("/api/v1/audit").then().statusCode(200).body("total", equalTo(1 + won));
    }

    /** Issue 12: {} and a name alone were a 500 (a NullPointerException). */
    @Test
    void anEmptyOrNameOnlyBodyIs400NamingEachMissingField() {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{}")
                .when().post(PATH).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("name", "meter", "aggregation", "currency"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{\"name\":\"x\"}")
                .when().post(PATH).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("meter", "aggregation", "currency"));
        given().auth().oauth2(TestTokens.viewer()).when().get(PATH + "?size=500").then().statusCode(200)
                .body("items.name", not(hasItem("x")));
    }

    @Test
    void invalidUnitTypesAre400AndStoreNothing() {
        String name = unique("bad");
        Map<String, Object> bad = vcpuHour(name);
        bad.put("aggregation", "MEDIAN");
        bad.put("meter", "VCPU hours");
        bad.put("basePrice", "-1");
        bad.put("currency", "XXX1");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(bad)
                .when().post(PATH).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("aggregation"), "errors.field", hasItem("meter"),
                        "errors.field", hasItem("basePrice"), "errors.field", hasItem("currency"));
        Map<String, Object> noTemplate = map("name", name, "meter", "vcpu_hours", "aggregation", "SUM",
                "autoProvision", true, "currency", "USD");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(noTemplate)
                .when().post(PATH).then().statusCode(400).body("errors.field", hasItem("basePrice"),
                        "errors.field", hasItem("filterPattern"));
        given().auth().oauth2(TestTokens.viewer()).when().get(PATH + "?size=500").then().statusCode(200)
                .body("items.name", not(hasItem(name)));
        given().auth().oauth2(TestTokens.viewer()).queryParam("size", 501).when().get(PATH).then().statusCode(400)
                .body("errors.field", hasItem("size"));
    }

    @Test
    void theListSortsByTheFieldsAskedAndNamesThemWhenOneIsUnknown() {
        String prefix = unique("sorted");
        List<String> names = List.of(prefix + "-a", prefix + "-b", prefix + "-c");
        // Created out of order, so neither the creation order nor the default (by name) gives the one asked for.
        for (String name : List.of(names.get(1), names.get(0), names.get(2))) {
            given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(vcpuHour(name))
                    .when().post(PATH).then().statusCode(201);
        }
        given().auth().oauth2(TestTokens.viewer()).queryParam("sort", "-name").queryParam("size", 500)
                .when().get(PATH).then().statusCode(200)
                .body("items.name.findAll { it.startsWith('" + prefix + "') }",
                        contains(names.get(2), names.get(1), names.get(0)));
        given().auth().oauth2(TestTokens.viewer()).queryParam("sort", "nope").when().get(PATH).then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("sort"));
    }

    @Test
    void namesAreUniqueAndViewersCannotChangeUnitTypes() {
        String name = unique("gb-month");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(vcpuHour(name))
                .when().post(PATH).then().statusCode(201);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(vcpuHour(name.toUpperCase(java.util.Locale.ROOT)))
                .when().post(PATH).then().statusCode(409);
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON).body(vcpuHour(unique("v")))
                .when().post(PATH).then().statusCode(403);
        given().contentType(ContentType.JSON).body(vcpuHour(unique("v"))).when().post(PATH).then().statusCode(401);
    }
}
