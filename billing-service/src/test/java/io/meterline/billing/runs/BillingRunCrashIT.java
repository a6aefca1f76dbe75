package io.meterline.billing.runs;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.meterline.contracts.catalog.CatalogEvents;
import io.meterline.contracts.catalog.UnitTypeChanged;
import io.meterline.billing.CatalogFeed;
import io.meterline.localstack.postgres.PostgresServer;
import io.meterline.localstack.services.MeterlineService;
import io.meterline.testing.OidcTestResource;
import io.meterline.testing.ServiceProcess;
import io.meterline.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * A billing run whose process is killed (SIGKILL) part-way is taken over by the next process and finished: every
 * client billed once, with the totals it would have had, and invoice numbers gap-free. Runs the built jars of
 * billing-service and metering-service as processes of their own, after {@code package}.
 */
class BillingRunCrashIT {

    static final int CLIENTS = 600;
    static OidcTestResource oidc;
    static ServiceProcess metering;
    static ServiceProcess billing;

    @BeforeAll
    static void startServices() {
        oidc = new OidcTestResource();
        oidc.start();
        metering = ServiceProcess.of(MeterlineService.METERING, Map.of()).start();
        billing = ServiceProcess.of(MeterlineService.BILLING, Map.of("meterline.metering.url", metering.url(),
                "meterline.billing-client.secret", "test-secret", "meterline.billing.run.stale-after", "PT2S",
                "meterline.billing.run.poll-interval", "PT0.2S", "meterline.billing.run.chunk-size", "100",
                "meterline.billing.run.parallelism", "1")).start();
    }

    @AfterAll
    static void stopServices() {
        for (AutoCloseable service : new AutoCloseable[] { billing, metering }) {
            try {
                if (service != null) {
                    service.close();
                }
            } catch (Exception e) {
                // the next service still stops
            }
        }
        if (oidc != null) {
            oidc.stop();
        }
    }

    private static RequestSpecification api(ServiceProcess service) {
        return given().baseUri(service.url()).auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON);
    }

    private static long runProgress(String run) throws Exception {
        try (Connection db = DriverManager.getConnection(billing.jdbcUrl(), PostgresServer.USER,
                PostgresServer.PASSWORD); Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT done FROM billing_run WHERE id = '" + run + "'")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    @Test
    void aRunKilledPartWayIsFinishedByTheNextProcessBillingEveryClientOnce() throws Exception {
        String meter = "crash_" + UUID.randomUUID().toString().substring(0, 8);
        api(metering).body(Map.of("apiName", meter, "displayName", meter, "aggregation", "SUM"))
                .when().post("/api/v1/meters").then().statusCode(201);
        UnitTypeChanged unitType = new UnitTypeChanged(UnitTypeChanged.SCHEMA_VERSION, UUID.randomUUID(), 1,
                meter + "-unit", null, meter, "SUM", false, "USD", new BigDecimal("100"), new BigDecimal("10.00"),
                new BigDecimal("1.00"), null, null, false);
        CatalogFeed.publishRaw(CatalogEvents.unitTypeKey(unitType.id()), CatalogEvents.UNIT_TYPE_CHANGED,
                new ObjectMapper().writeValueAsString(unitType));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> api(billing).queryParam("unitType",
                unitType.name()).when().get("/api/v1/buckets").statusCode() == 200);

        Map<String, String> expected = new HashMap<>();
        List<String> ids = new ArrayList<>();
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            String customer = meter + "-c" + i;
            String id = api(billing).body(Map.of("name", "Crash " + i, "externalId", customer, "currency", "USD",
                    "timeZone", "UTC", "startsAt", "2026-01-01T00:00:00Z")).when().post("/api/v1/clients").then()
                    .statusCode(201).extract().path("id");
            api(billing).body(Map.of("client", id, "unitType", unitType.name(), "startsAt", "2026-01-01T00:00:00Z"))
                    .when().post("/api/v1/buckets").then().statusCode(201);
            int value = 90 + i % 40; // under and over the commit of 100
            events.add(Map.of("id", "e" + i, "meter", meter, "customer", customer, "timestamp",
                    "2026-01-15T12:00:00Z", "value", String.valueOf(value)));
            expected.put(id, new BigDecimal("10.00").add(BigDecimal.valueOf(Math.max(0, value - 100)))
                    .setScale(2).toPlainString());
            ids.add(id);
        }
        for (int from = 0; from < events.size(); from += 500) {
            api(metering).queryParam("backfill", true).body(events.subList(from, Math.min(events.size(), from + 500)))
                    .when().post("/api/v1/events").then().statusCode(202);
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> api(metering).body(Map.of("from",
                "2026-01-01T00:00:00Z", "to", "2026-02-01T00:00:00Z", "meters", List.of(meter)))
                .queryParam("size", 1).when().post("/api/v1/usage/totals").then().extract()
                .<Integer> path("total") == CLIENTS);

        String run = api(billing).body(Map.of("asOf", "2026-02-10T00:00:00Z", "clients", ids))
                .when().post("/api/v1/billing-runs").then().statusCode(202).extract().path("id");
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> runProgress(run) >= 50);
        billing.kill();
        long doneAtCrash = runProgress(run);
        assertThat(doneAtCrash).as("clients billed when the process died").isBetween(50L, CLIENTS - 1L);

        billing.start();
        JsonPath finished = Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> api(billing)
                .when().get("/api/v1/billing-runs/" + run).then().statusCode(200).extract().jsonPath(),
                state -> state.getString("status").equals("SUCCEEDED"));
        assertThat(finished.getInt("progress.done")).isEqualTo(CLIENTS);
        assertThat(finished.getInt("progress.total")).isEqualTo(CLIENTS);
        assertThat(finished.getInt("invoices")).isEqualTo(CLIENTS);

        Map<String, String> invoiced = new HashMap<>();
        Set<String> numbers = new HashSet<>();
        for (int page = 0; invoiced.size() < CLIENTS; page++) {
            JsonPath items = api(billing).queryParam("size", 500).queryParam("page", page).when()
                    .get("/api/v1/invoices").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> list = items.getList("items");
            if (list.isEmpty()) {
                break;
            }
            for (Map<String, Object> invoice : list) {
                assertThat(invoiced.put((String) invoice.get("client"), (String) invoice.get("total")))
                        .as("a second invoice for client %s", invoice.get("client")).isNull();
                numbers.add((String) invoice.get("number"));
            }
        }
        assertThat(invoiced).isEqualTo(expected);
        // Numbered in the year the run issued them (read from a number: a run may straddle New Year's Eve).
        int year = Integer.parseInt(numbers.iterator().next().split("-")[1]);
        assertThat(year).isBetween(java.time.Year.now(java.time.ZoneOffset.UTC).getValue() - 1,
                java.time.Year.now(java.time.ZoneOffset.UTC).getValue());
        Set<String> gapFree = new HashSet<>();
        for (int n = 1; n <= CLIENTS; n++) {
            gapFree.add(String.format("USD-%d-%06d", year, n));
        }
        assertThat(numbers).isEqualTo(gapFree);
    }
}
