package io.meterline.metering.ingest;

import static io.meterline.metering.Metering.awaitStored;
import static io.meterline.metering.Metering.billingClient;
import static io.meterline.metering.Metering.count;
import static io.meterline.metering.Metering.event;
import static io.meterline.metering.Metering.map;
import static io.meterline.metering.Metering.meter;
import static io.meterline.metering.Metering.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.meterline.contracts.Topics;
import io.meterline.contracts.billing.BillingEvents;
import io.meterline.metering.MeteringTest;
import io.meterline.testing.EventFeed;
import io.meterline.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Raw events are dropped a month at a time once past their retention, and only once billing has invoiced every
 * enabled client past the month's end (it learns how far from billing's invoice-finalized events). Months long past
 * (2003, backfilled) so that nothing else in the test database is touched; "now" is given to the pass.
 */
@QuarkusTest
@MeteringTest
class RawRetentionTest {

    private static final Instant NOW = Instant.parse("2003-06-10T00:00:00Z");
    private static final Duration RETENTION = Duration.ofDays(30);

    @Inject
    RawRetention retention;

    @Test
    void aMonthGoesOnceItIsPastItsRetentionAndEveryClientIsInvoicedPastIt() throws Exception {
        String meter = meter("SUM", null);
        String customer = unique("retained");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(List.of(event("r-1", meter, customer, "2003-03-15T10:00:00Z", "1"),
                        event("r-2", meter, customer, "2003-03-20T10:00:00Z", "2"),
                        event("r-3", meter, customer, "2003-04-15T10:00:00Z", "4")))
                .when().post("/api/v1/events?backfill=true").then().statusCode(202).body("accepted", equalTo(3));
        awaitStored("c:" + customer, 3);
        billingClient(unique("not-invoiced"), true);

        // Past the retention, but a client has no invoice yet: both months stay.
        assertThat(retention.dropExpired(NOW, RETENTION)).isEmpty();
        assertThat(rawEventsOf(meter)).isEqualTo(3);

        // Every enabled client invoiced through 10 April: March goes, April (ending 1 May) stays.
        invoiceEveryClientThrough("2003-04-10T00:00:00Z");
        retention.dropExpired(NOW, RETENTION);
        assertThat(partitions()).doesNotContain("meter_event_y2003m03").contains("meter_event_y2003m04");
        assertThat(rawEventsOf(meter)).isEqualTo(1);

        // An older invoice arriving late never moves the mark back; a newer one lets April go.
        invoiceEveryClientThrough("2003-02-01T00:00:00Z");
        assertThat(count("SELECT count(*) FROM billing_client WHERE enabled AND billed_through < ?",
                java.sql.Timestamp.from(Instant.parse("2003-04-10T00:00:00Z")))).isZero();
        invoiceEveryClientThrough("2003-05-01T00:00:00Z");
        retention.dropExpired(NOW, RETENTION);
        assertThat(partitions()).doesNotContain("meter_event_y2003m03", "meter_event_y2003m04");
        assertThat(rawEventsOf(meter)).isZero();

        // The hourly totals stay: a whole-hour query still answers, one at finer bounds is refused, not answered short.
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON)
                .body(map("meter", meter, "customer", customer, "from", "2003-03-01T00:00:00Z", "to",
                        "2003-05-01T00:00:00Z"))
                .when().post("/api/v1/usage/query").then().statusCode(200).body("rows[0].value", equalTo("7"));
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON)
                .body(map("meter", meter, "customer", customer, "from", "2003-03-01T00:30:00Z", "to",
                        "2003-05-01T00:00:00Z"))
                .when().post("/api/v1/usage/query").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("from"))
                .body("errors[0].message", containsString("meterline.ingest.raw-retention"));
    }

    /** Billing's invoice-finalized event for every enabled client metering knows, and waits until all are applied. */
    private static void invoiceEveryClientThrough(String periodEnd) throws Exception {
        List<String[]> clients = new ArrayList<>();
        try (Connection c = connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT client_id, external_id FROM billing_client WHERE enabled")) {
            while (rs.next()) {
                clients.add(new String[] { rs.getString(1), rs.getString(2) });
            }
        }
        List<String> eventIds = new ArrayList<>();
        for (String[] client : clients) {
            String eventId = UUID.randomUUID().toString();
            eventIds.add(eventId);
            String body = "{\"schemaVersion\":2,\"id\":\"" + UUID.randomUUID() + "\",\"number\":\"INV-1\","
                    + "\"client\":\"" + client[0] + "\",\"clientExternalId\":\"" + client[1] + "\","
                    + "\"periodStart\":\"2003-01-01T00:00:00Z\",\"periodEnd\":\"" + periodEnd + "\","
                    + "\"currency\":\"USD\",\"total\":\"0\",\"issuedAt\":\"" + periodEnd + "\",\"dueAt\":\""
                    + periodEnd + "\",\"readings\":[],\"lines\":[]}";
            EventFeed.publish(Topics.BILLING_EVENTS, BillingEvents.clientKey(client[0]),
                    BillingEvents.INVOICE_FINALIZED, BillingEvents.SOURCE, body, eventId);
        }
        // Applied (or found to change nothing), each once: the consumer records every event it has taken.
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT count(*) FROM processed_event "
                + "WHERE event_id = ANY (?)", (Object) eventIds.toArray(String[]::new)) == eventIds.size());
    }

    private static long rawEventsOf(String meter) {
        return count("SELECT count(*) FROM meter_event WHERE meter = ?", meter);
    }

    private static List<String> partitions() throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                     + "WHERE i.inhparent = 'meter_event'::regclass")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static Connection connection() throws Exception {
        Config config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }
}
