package io.meterline.billing.clients;

import static io.meterline.billing.Billing.anniversary;
import static io.meterline.billing.Billing.client;
import static io.meterline.billing.Billing.createClient;
import static io.meterline.billing.Billing.map;
import static io.meterline.billing.Billing.with;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.meterline.billing.Billing;
import io.meterline.billing.BillingTest;
import io.meterline.contracts.Topics;
import io.meterline.contracts.billing.BillingEvents;
import io.meterline.testing.TestTokens;
import io.meterline.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@BillingTest
class ClientResourceTest {

    private static final String PATH = "/api/v1/clients";

    private static int countByExternalId(String externalId) {
        return given().auth().oauth2(TestTokens.viewer()).queryParam("externalId", externalId)
                .when().get(PATH).then().statusCode(200).extract().path("total");
    }

    @Test
    void aClientIsCreatedWithTheContractsFieldsAndTheDocumentedDefaults() {
        Map<String, Object> acme = map("name", "Acme Corp", "externalId", Billing.unique("acme"), "currency", "USD",
                "timeZone", "America/New_York", "billingCycle", anniversary(31), "startsAt", "2026-01-31T05:00:00Z");
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(acme)
                .when().post(PATH).then().statusCode(201)
                .header("Location", containsString(PATH + "/"))
                .body("id", notNullValue(), "name", equalTo("Acme Corp"), "externalId", equalTo(acme.get("externalId")),
                        "currency", equalTo("USD"), "timeZone", equalTo("America/New_York"),
                        "billingCycle.type", equalTo("ANNIVERSARY"), "billingCycle.anchorDay", equalTo(31),
                        "startsAt", equalTo("2026-01-31T05:00:00Z"), "endsAt", nullValue(),
                        "gracePeriod", equalTo("P3D"), "paymentTermsDays", equalTo(30), "enabled", equalTo(true),
                        "version", equalTo(0));
    }

    @Test
    void aClientWithoutStartsAtStartsNow() {
        Map<String, Object> body = with(client("Now Corp"), "startsAt", null, "billingCycle", null);
        String startsAt = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body)
                .when().post(PATH).then().statusCode(201).body("billingCycle.type", equalTo("CALENDAR_MONTH"))
                .extract().path("startsAt");
        assertThat(java.time.Instant.parse(startsAt)).isBetween(java.time.Instant.now().minusSeconds(60),
                java.time.Instant.now().plusSeconds(1));
    }

    @Test
    void eachInvalidFieldIsNamedInA400AndNothingIsStored() {
        Map<String, Object> base = client("Bad Corp");
        Object[][] cases = {
                { "timeZone", "Mars/Olympus_Mons", "timeZone" },
                { "timeZone", "+02:00", "timeZone" },
                { "billingCycle", anniversary(0), "billingCycle.anchorDay" },
                { "billingCycle", anniversary(32), "billingCycle.anchorDay" },
                { "billingCycle", map("type", "CALENDAR_MONTH", "anchorDay", 5), "billingCycle.anchorDay" },
                { "billingCycle", map("anchorDay", 5), "billingCycle.type" },
                { "currency", "DOLLARS", "currency" },
                { "name", " ", "name" },
                { "gracePeriod", "three days", "gracePeriod" },
                { "gracePeriod", "P365D", "gracePeriod" },
                { "paymentTermsDays", -1, "paymentTermsDays" },
                { "endsAt", "2025-12-01T00:00:00Z", "endsAt" },
                { "stripeCustomerId", "acme", "stripeCustomerId" } };
        for (Object[] c : cases) {
            Map<String, Object> bad = with(base, c[0], c[1]);
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(bad)
                    .when().post(PATH).then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem(c[2]), "detail", containsString((String) c[2]));
        }
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(with(base, "billingCycle",
                map("type", "WEEKLY"))).when().post(PATH).then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("billingCycle.type"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(map())
                .when().post(PATH).then().statusCode(400)
                .body("errors.field", hasItems("name", "externalId", "currency", "timeZone"));
        assertThat(countByExternalId((String) base.get("externalId"))).isZero();
    }

    @Test
    void anExternalIdBelongsToOneClientOnly() {
        Map<String, Object> first = client("First Corp");
        String firstId = createClient(first);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(with(client("Second Corp"), "externalId", first.get("externalId")))
                .when().post(PATH).then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString(firstId));
        assertThat(countByExternalId((String) first.get("externalId"))).isEqualTo(1);
    }

    @Test
    void aReplacedClientIsAuditedWithOldAndNewValuesAndAnnounced() {
        Map<String, Object> body = client("Globex");
        String id = createClient(body);
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(with(body, "name", "Globex Corporation", "enabled", false, "paymentTermsDays", 45))
                .when().put(PATH + "/" + id).then().statusCode(200)
                .body("name", equalTo("Globex Corporation"), "enabled", equalTo(false), "paymentTermsDays", equalTo(45),
                        "version", equalTo(1), "startsAt", equalTo("2026-01-01T00:00:00Z"));

        given().auth().oauth2(TestTokens.viewer()).queryParam("table", "client").queryParam("recordId", id)
                .when().get("/api/v1/audit").then().statusCode(200)
                .body("total", equalTo(2), "items.action", contains("update", "create"),
                        "items[0].oldValues.name", equalTo("Globex"),
                        "items[0].newValues.name", equalTo("Globex Corporation"),
                        "items[0].actorType", equalTo("user"), "items[1].oldValues", nullValue());

        var events = TopicReader.await(Topics.BILLING_EVENTS,
                m -> m.key().equals(BillingEvents.clientKey(id)) && JsonPath.from(m.value()).getLong("revision") == 1,
                Duration.ofSeconds(20));
        JsonPath event = JsonPath.from(events.get(0).value());
        assertThat(event.getBoolean("enabled")).isFalse();
        assertThat(event.getString("externalId")).isEqualTo(body.get("externalId"));
        assertThat(events.get(0).header("ce_type")).isEqualTo(BillingEvents.CLIENT_CHANGED);
    }

    @Test
    void clientsAreListedByNameAndFoundBySearch() {
        String tag = Billing.unique("zz-list");
        createClient(with(client("b"), "name", tag + " Beta"));
        createClient(with(client("a"), "name", tag + " Alpha"));
        given().auth().oauth2(TestTokens.viewer()).queryParam("search", tag.toUpperCase(java.util.Locale.ROOT))
                .when().get(PATH).then().statusCode(200)
                .body("total", equalTo(2), "items.name", contains(tag + " Alpha", tag + " Beta"));
        given().auth().oauth2(TestTokens.viewer()).queryParam("search", tag).queryParam("size", 1)
                .queryParam("page", 1).when().get(PATH).then().statusCode(200)
                .body("total", equalTo(2), "page", equalTo(1), "items.name", contains(tag + " Beta"));
    }

    @Test
    void clientsAreSortedByTheFieldsAsked() {
        String tag = Billing.unique("zz-sort");
        createClient(with(client("a"), "name", tag + " Alpha", "currency", "USD"));
        createClient(with(client("b"), "name", tag + " Beta", "currency", "EUR"));
        createClient(with(client("c"), "name", tag + " Gamma", "currency", "EUR"));
        given().auth().oauth2(TestTokens.viewer()).queryParam("search", tag).queryParam("sort", "-name")
                .when().get(PATH).then().statusCode(200)
                .body("total", equalTo(3), "items.name", contains(tag + " Gamma", tag + " Beta", tag + " Alpha"));
        given().auth().oauth2(TestTokens.viewer()).queryParam("search", tag).queryParam("sort", "currency,name")
                .when().get(PATH).then().statusCode(200)
                .body("items.name", contains(tag + " Beta", tag + " Gamma", tag + " Alpha"));
        // Pages follow the order asked, as they follow the default one.
        given().auth().oauth2(TestTokens.viewer()).queryParam("search", tag).queryParam("sort", "currency,-name")
                .queryParam("size", 1).queryParam("page", 1).when().get(PATH).then().statusCode(200)
                .body("total", equalTo(3), "items.name", contains(tag + " Beta"));
    }

    @Test
    void anUnknownSortFieldIsA400NamingTheFieldsThatSort() {
        given().auth().oauth2(TestTokens.viewer()).queryParam("sort", "nope")
                .when().get(PATH).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("sort"),
                        "errors[0].message", containsString(String.join(", ", new TreeSet<>(ClientService.SORTABLE))));
        given().auth().oauth2(TestTokens.viewer()).queryParam("sort", "name,-name")
                .when().get(PATH).then().statusCode(400).body("errors[0].field", equalTo("sort"));
    }

    @Test
    void viewersReadAndChangeNothing() {
        String id = createClient(client("Initech"));
        given().auth().oauth2(TestTokens.viewer()).when().get(PATH + "/" + id).then().statusCode(200);
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON).body(client("Initech 2"))
                .when().post(PATH).then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON).body(client("Initech 3"))
                .when().put(PATH + "/" + id).then().statusCode(403);
        given().when().get(PATH).then().statusCode(401);
        given().auth().oauth2(TestTokens.viewer()).when().get(PATH + "/" + java.util.UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }
}
