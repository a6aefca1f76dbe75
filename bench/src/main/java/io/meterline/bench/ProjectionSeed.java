package io.meterline.bench;

import static io.meterline.bench.Bench.log;
import static io.meterline.bench.Bench.sleep;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import io.meterline.contracts.Topics;
import io.meterline.contracts.billing.BillingEvents;
import io.meterline.localstack.postgres.PostgresServer;
import io.meterline.platform.messaging.CloudEventEnvelope;

/**
 * What the projection benchmark seeds without going through the ingest API (which the freshness runs measure):
 * weeks of hourly history in projection's own tables, written in SQL as its usage consumer would have written it,
 * and twelve months of finalized invoices, published on {@code meterline.billing.events} as billing's relay would.
 */
final class ProjectionSeed {

    private final String jdbcUrl;

    ProjectionSeed(int postgresPort) {
        this.jdbcUrl = "jdbc:postgresql://127.0.0.1:" + postgresPort + "/projection";
    }

    /**
     * Hourly usage for each customer and meter over {@code days} before {@code now}: busy weekday working hours,
     * quiet nights and weekends, a per-series level; and the open month's daily totals from it.
     */
    void history(List<String> customers, List<String> meters, int days, Instant now) throws Exception {
        Instant from = now.truncatedTo(java.time.temporal.ChronoUnit.HOURS).minus(Duration.ofDays(days));
        Instant until = now.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        Instant monthStart = YearMonth.from(now.atOffset(ZoneOffset.UTC)).atDay(1).atStartOfDay()
                .toInstant(ZoneOffset.UTC);
        try (Connection db = connect()) {
            db.setAutoCommit(true);
            int chunk = 250;
            for (int i = 0; i < customers.size(); i += chunk) {
                Object[] mine = customers.subList(i, Math.min(customers.size(), i + chunk)).toArray();
                try (PreparedStatement s = db.prepareStatement("""
                        INSERT INTO usage_meter_hour (customer, meter, hour, value, events, max_value)
                        SELECT c.customer, m.meter, h.hour, v.value, 1, v.value
                        FROM unnest(?::text[]) c(customer) CROSS JOIN unnest(?::text[]) m(meter)
                        CROSS JOIN generate_series(?::timestamptz, ?::timestamptz, interval '1 hour') h(hour)
                        CROSS JOIN LATERAL (SELECT ((CASE WHEN extract(isodow FROM h.hour) < 6
                                AND extract(hour FROM h.hour) BETWEEN 8 AND 18 THEN 20 ELSE 4 END)
                                * (1 + abs(hashtext(c.customer || m.meter)) % 5))::numeric AS value) v
                        ON CONFLICT DO NOTHING
                        """)) {
                    s.setArray(1, db.createArrayOf("text", mine));
                    s.setArray(2, db.createArrayOf("text", meters.toArray()));
                    s.setTimestamp(3, Timestamp.from(from));
                    s.setTimestamp(4, Timestamp.from(until.minus(Duration.ofHours(1))));
                    s.executeUpdate();
                }
                try (PreparedStatement s = db.prepareStatement("""
                        INSERT INTO usage_day (customer, meter, asset, dims, day, value, events, max_value)
                        SELECT customer, meter, '', '{}', (hour AT TIME ZONE 'UTC')::date, sum(value), sum(events),
                               max(max_value)
                        FROM usage_meter_hour WHERE customer = ANY (?) AND hour >= ?
                        GROUP BY customer, meter, (hour AT TIME ZONE 'UTC')::date
                        ON CONFLICT DO NOTHING
                        """)) {
                    s.setArray(1, db.createArrayOf("text", mine));
                    s.setTimestamp(2, Timestamp.from(monthStart));
                    s.executeUpdate();
                }
                if ((i / chunk) % 8 == 0) {
                    log("  history: %,d of %,d clients", Math.min(customers.size(), i + chunk), customers.size());
                }
            }
        }
    }

    /** Forgets every fitted forecast model, so the next recompute fits them all from the history (a cold pass). */
    void forgetModels() throws Exception {
        try (Connection db = connect(); PreparedStatement s = db.prepareStatement("DELETE FROM forecast_model")) {
            s.executeUpdate();
        }
    }

    /**
     * Publishes a finalized invoice for each client and each of the {@code months} before this one: a reading per
     * bucket, some over their commit and some under, with a metered cost; returns how many.
     */
    int invoices(String bootstrap, List<String> clients, List<String> customers, List<UUID> unitTypes,
            int months, Instant now) {
        // A plain producer: the benchmark is a command-line tool outside every service (no Quarkus, no channels),
        // standing in for billing's outbox relay, which sends these records with the same headers and keys.
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        int sent = 0;
        YearMonth current = YearMonth.from(now.atOffset(ZoneOffset.UTC));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            for (int m = months; m >= 1; m--) {
                YearMonth month = current.minusMonths(m);
                Instant start = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
                Instant end = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
                for (int i = 0; i < clients.size(); i++) {
                    CloudEventEnvelope envelope = new CloudEventEnvelope(UUID.randomUUID().toString(),
                            BillingEvents.SOURCE, BillingEvents.INVOICE_FINALIZED, clients.get(i), now);
                    ProducerRecord<String, String> record = new ProducerRecord<>(Topics.BILLING_EVENTS, null,
                            BillingEvents.clientKey(clients.get(i)), StackApi.write(invoice(clients.get(i),
                                    customers.get(i), unitTypes, start, end, i, m)), envelope.headers());
                    producer.send(record);
                    sent++;
                }
            }
            producer.flush();
        }
        return sent;
    }

    private static Map<String, Object> invoice(String client, String customer, List<UUID> unitTypes, Instant start,
            Instant end, int i, int m) {
        List<Map<String, Object>> readings = new ArrayList<>();
        long total = 0;
        for (int k = 0; k < unitTypes.size(); k++) {
            long commit = 500 + 100L * k;
            long usage = 300 + (i * 37L + k * 101L + m * 13L) % 500;
            long over = Math.max(0, usage - commit);
            long buffer = Math.max(0, commit - usage);
            long base = 100 + 10L * k;
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("bucket", UUID.nameUUIDFromBytes((client + "/" + k).getBytes(StandardCharsets.UTF_8)).toString());
            r.put("unitType", unitTypes.get(k).toString());
            r.put("sourceType", k % 2 == 0 ? "k8s" : "aws");
            r.put("meter", "pb_meter_" + k);
            r.put("dimensions", Map.of("model", k < 2 ? "large" : "small"));
            r.put("usage", Long.toString(usage));
            r.put("commitUnits", Long.toString(commit));
            r.put("overageUnits", Long.toString(over));
            r.put("overageAmount", over / 2 + ".00");
            r.put("bufferUnits", Long.toString(buffer));
            r.put("bufferAmount", buffer * base / commit + ".00");
            r.put("billedAmount", (base + over / 2) + ".00");
            r.put("cost", usage / 10 + ".00");
            readings.add(r);
            total += base + over / 2;
        }
        Map<String, Object> invoice = new LinkedHashMap<>();
        invoice.put("schemaVersion", 2);
        invoice.put("id", UUID.randomUUID().toString());
        invoice.put("number", "PB-" + m + "-" + i);
        invoice.put("client", client);
        invoice.put("clientExternalId", customer);
        invoice.put("periodStart", start.toString());
        invoice.put("periodEnd", end.toString());
        invoice.put("currency", "USD");
        invoice.put("total", total + ".00");
        invoice.put("issuedAt", end.toString());
        invoice.put("dueAt", end.plus(Duration.ofDays(30)).toString());
        invoice.put("readings", readings);
        invoice.put("lines", List.of());
        return invoice;
    }

    /**
     * Waits until projection has no client left to recompute (the setup's clients and buckets each marked theirs), so
     * that a measurement does not share the machine with that backlog.
     */
    void awaitRecomputed(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection db = connect(); PreparedStatement s = db.prepareStatement(
                "SELECT count(*) FROM dirty_customer WHERE changed_at IS NOT NULL")) {
            while (true) {
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("projection still had clients to recompute after " + timeout);
                }
                sleep(500);
            }
        }
    }

    /** Waits until projection has applied {@code expected} closed invoices of these clients. */
    void awaitInvoices(List<String> clients, int expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection db = connect(); PreparedStatement s = db.prepareStatement(
                "SELECT count(*) FROM closed_invoice WHERE client_id = ANY (?::uuid[])")) {
            s.setArray(1, db.createArrayOf("text", clients.toArray()));
            while (true) {
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) >= expected) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("projection did not apply the seeded invoices in " + timeout);
                }
                sleep(500);
            }
        }
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection(jdbcUrl, PostgresServer.USER, PostgresServer.PASSWORD);
    }
}
