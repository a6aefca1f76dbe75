package io.meterline.metering.faults;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.meterline.localstack.kafka.KafkaBroker;
import io.meterline.localstack.postgres.PostgresServer;
import io.meterline.localstack.process.Ports;
import io.meterline.localstack.services.MeterlineService;
import io.meterline.testing.OidcTestResource;
import io.meterline.testing.PostgresTestResource;
import io.meterline.testing.ServiceProcess;
import io.meterline.testing.TestTokens;
import io.restassured.http.ContentType;

/**
 * Faults during steady ingest with client retries, on processes of this suite's own: a Kafka broker and the built
 * metering-service jar (PostgreSQL is this test JVM's, which nothing else here uses). Each case asserts what
 * docs/reliability.md promises: every event answered 202 is stored exactly once afterwards; a request during the
 * fault is answered within {@link #ANSWER_BOUND} (a 503 with Retry-After, not a hang); readiness reports the fault
 * within {@link #REPORT_BOUND} while it lasts; the service recovers by itself within {@link #RECOVERY_BOUND}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngestFaultsIT {

    /** The publish timeout the service runs with here, and the bound on any answer while Kafka is away. */
    static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(2);
    static final Duration ANSWER_BOUND = Duration.ofSeconds(6);
    static final Duration REPORT_BOUND = Duration.ofSeconds(10);
    static final Duration RECOVERY_BOUND = Duration.ofSeconds(60);

    static OidcTestResource oidc;
    static int kafkaPort;
    static int controllerPort;
    static Path kafkaData;
    static KafkaBroker broker;
    static ServiceProcess metering;
    static String meter;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void start() {
        oidc = new OidcTestResource();
        oidc.start();
        kafkaPort = Ports.freePort();
        controllerPort = Ports.freePort();
        kafkaData = Path.of("target", "kafka-faults-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        broker = startBroker();
        metering = ServiceProcess.of(MeterlineService.METERING, Map.of(
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "meterline.ingest.publish-timeout", "PT" + PUBLISH_TIMEOUT.toSeconds() + "S",
                "meterline.ingest.unavailable-retry-after", "PT1S",
                "meterline.ingest.store-failure-grace", "PT2S"));
        // As in production, a commit returns once it is durable: zonky's test clusters turn that off for speed, and
        // the database crash drill would then lose commits whose Kafka offsets were already committed.
        PostgresTestResource.server().makeCommitsDurable(metering.database());
        metering.start();
        meter = "faults_" + UUID.randomUUID().toString().substring(0, 8);
        given().baseUri(metering.url()).auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("apiName", meter, "displayName", meter, "unit", "units", "aggregation", "SUM",
                        "dimensions", List.of()))
                .when().post("/api/v1/meters").then().statusCode(201);
    }

    static KafkaBroker startBroker() {
        return KafkaBroker.start(kafkaPort, controllerPort, kafkaData, kafkaData.resolve("kafka.log"),
                Duration.ofSeconds(120));
    }

    @AfterAll
    static void stop() throws Exception {
        if (metering != null) {
            metering.close();
        }
        if (broker != null) {
            signal("CONT", broker.process().pid());
            broker.close();
        }
        if (oidc != null) {
            oidc.stop();
        }
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void aFrozenBrokerGetsQuick503sAndNothingIsLostOrCountedTwice() throws Exception {
        SteadyIngest ingest = steadyIngest("frozen-broker", 100);
        awaitAcked(ingest, 500);

        Instant frozen = Instant.now();
        signal("STOP", broker.process().pid());
        Instant reported;
        try {
            reported = awaitReadiness(503);
            assertThat(Duration.between(frozen, reported)).isLessThan(REPORT_BOUND);
            // The fault lasts while the client retries three times, each answered 503 with Retry-After.
            await().atMost(REPORT_BOUND.multipliedBy(3)).until(() -> ingest.attempts().stream()
                    .filter(a -> a.started().isAfter(frozen) && a.status() == 503 && a.retryAfter() != null)
                    .count() >= 3);
        } finally {
            signal("CONT", broker.process().pid());
        }
        recoversAndLosesNothing("broker frozen", ingest, frozen, Instant.now(), reported);
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void aKilledBrokerGetsQuick503sAndIngestRecoversWhenItIsBack() throws Exception {
        SteadyIngest ingest = steadyIngest("killed-broker", 100);
        awaitAcked(ingest, 500);

        Instant killed = Instant.now();
        long pid = broker.process().pid();
        signal("KILL", pid);
        await().atMost(Duration.ofSeconds(10)).until(() -> !broker.process().isAlive());
        Instant reported = awaitReadiness(503);
        assertThat(Duration.between(killed, reported)).isLessThan(REPORT_BOUND);
        await().atMost(REPORT_BOUND).untilAsserted(() -> assertThat(ingest.attempts().stream()
                .filter(a -> a.started().isAfter(killed)).toList()).as("requests since the kill")
                .anyMatch(a -> a.status() == 503));
        broker = startBroker(); // on the same ports and data, as a restarted pod would be
        recoversAndLosesNothing("broker killed and restarted", ingest, killed, Instant.now(), reported);
    }

    @Test
    @org.junit.jupiter.api.Order(3)
    void aMeteringServiceKilledMidBatchLosesNothingAndCountsNothingTwice() throws Exception {
        SteadyIngest ingest = steadyIngest("killed-metering", 500);
        awaitAcked(ingest, 5_000);
        metering.kill(); // SIGKILL: batches in the consumer's hands, offsets not yet committed
        Instant killed = Instant.now();
        metering.start();
        Instant restarted = Instant.now();
        awaitAcked(ingest, ingest.ackedCount() + 5_000);
        ingest.close();

        assertThat(Duration.between(killed, restarted)).isLessThan(RECOVERY_BOUND);
        assertStoredExactlyOnce(ingest);
        report("metering-service killed and restarted", ingest, killed, restarted, null, restarted);
    }

    @Test
    @org.junit.jupiter.api.Order(4)
    void aFrozenDatabaseHoldsIngestUpNeitherInTheApiNorInTheCount() throws Exception {
        SteadyIngest ingest = steadyIngest("frozen-db", 100);
        awaitAcked(ingest, 500);
        List<Long> postgres = PostgresTestResource.server().processIds();

        Instant frozen = Instant.now();
        postgres.forEach(pid -> signalQuietly("STOP", pid));
        Instant reported;
        try {
            // The API needs no database: Kafka holds the events, and requests keep being accepted.
            int ackedAtFreeze = ingest.ackedCount();
            awaitAcked(ingest, ackedAtFreeze + 1_000);
            // Readiness answers (within the client's 5 s, platform/health/DatabaseReadiness) that the database is
            // unreachable, rather than hanging until the probe gives up.
            reported = awaitReadinessWithin(REPORT_BOUND, 503);
            assertThat(Duration.between(frozen, reported)).isLessThan(REPORT_BOUND);
        } finally {
            for (int i = postgres.size() - 1; i >= 0; i--) {
                signalQuietly("CONT", postgres.get(i));
            }
        }
        Instant thawed = Instant.now();
        Instant recovered = awaitReadiness(200);
        awaitAcked(ingest, ingest.ackedCount() + 500);
        ingest.close();
        assertAllAccepted(ingest, frozen, thawed);
        assertThat(Duration.between(thawed, recovered)).isLessThan(RECOVERY_BOUND);
        assertStoredExactlyOnce(ingest);
        report("PostgreSQL frozen", ingest, frozen, thawed, reported, recovered);
    }

    @Test
    @org.junit.jupiter.api.Order(5)
    void aKilledDatabaseIsReportedAndTheConsumerCatchesUpOnceItIsBack() throws Exception {
        SteadyIngest ingest = steadyIngest("killed-db", 100);
        awaitAcked(ingest, 500);
        PostgresServer pg = PostgresTestResource.server();
        Path dataDirectory = pg.dataDirectory();
        List<Long> postgres = pg.processIds();

        Instant killed = Instant.now();
        // SIGKILL, postmaster first: no shutdown checkpoint, open transactions die mid-way (the consumer's among them).
        postgres.forEach(pid -> signalQuietly("KILL", pid));
        Instant reported = awaitReadinessWithin(REPORT_BOUND, 503);
        assertThat(Duration.between(killed, reported)).isLessThan(REPORT_BOUND);
        // The API needs no database: events keep being accepted while it is gone.
        awaitAcked(ingest, ingest.ackedCount() + 500);

        Instant restarted = Instant.now();
        pg.startAgain(dataDirectory, Path.of("target", "postgres-after-kill.log").toAbsolutePath(), RECOVERY_BOUND);
        Instant recovered = awaitReadiness(200);
        awaitAcked(ingest, ingest.ackedCount() + 500);
        ingest.close();
        assertAllAccepted(ingest, killed, restarted);
        assertThat(Duration.between(restarted, recovered)).isLessThan(RECOVERY_BOUND);
        assertStoredExactlyOnce(ingest);
        report("PostgreSQL killed and restarted", ingest, killed, restarted, reported, recovered);
    }

    /** A client sending batches of {@code batch} events for a customer of its own, named after the case. */
    private static SteadyIngest steadyIngest(String name, int batch) {
        String customer = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        return new SteadyIngest(metering.url(), TestTokens.operator(), meter, customer, batch);
    }

    private static void signalQuietly(String signal, long pid) {
        try {
            signal(signal, pid);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * After a Kafka fault that lasted from {@code from} to {@code to}: readiness comes back by itself, ingest goes on,
     * every request during the fault was answered within the bound, and each acknowledged event is stored once.
     */
    private static void recoversAndLosesNothing(String fault, SteadyIngest ingest, Instant from, Instant to,
            Instant reported) throws Exception {
        Instant recovered = awaitReadiness(200);
        awaitAcked(ingest, ingest.ackedCount() + 500);
        ingest.close();
        assertAnsweredWithinBound(ingest, from, to);
        assertThat(Duration.between(to, recovered)).isLessThan(RECOVERY_BOUND);
        assertStoredExactlyOnce(ingest);
        report(fault, ingest, from, to, reported, recovered);
    }

    /** What the case measured, for docs/reliability.md (in the failsafe report's output). */
    private static void report(String fault, SteadyIngest ingest, Instant from, Instant to, Instant reported,
            Instant recovered) {
        List<SteadyIngest.Attempt> during = ingest.attempts().stream()
                .filter(a -> !a.started().isBefore(from) && a.started().isBefore(to)).toList();
        long slowest = during.stream().mapToLong(a -> a.took().toMillis()).max().orElse(0);
        long refused = during.stream().filter(a -> a.status() == 503).count();
        long unanswered = during.stream().filter(a -> a.status() == -1).count();
        System.out.printf("FAULT %s: fault %d ms; %d requests during it (%d answered 503, %d unanswered), slowest "
                + "answer %d ms; readiness DOWN after %s; ready again %d ms after the fault ended; %d events "
                + "acknowledged, each stored once%n", fault, Duration.between(from, to).toMillis(), during.size(),
                refused, unanswered, slowest,
                reported == null ? "- (no process)" : Duration.between(from, reported).toMillis() + " ms",
                Duration.between(to, recovered).toMillis(), ingest.ackedCount());
    }

    /** Every request that started while the fault lasted was answered (or given up by the client) within the bound. */
    private static void assertAnsweredWithinBound(SteadyIngest ingest, Instant from, Instant to) {
        List<SteadyIngest.Attempt> during = ingest.attempts().stream()
                .filter(a -> !a.started().isBefore(from) && a.started().isBefore(to)).toList();
        assertThat(during).isNotEmpty();
        assertThat(during).allSatisfy(a -> {
            assertThat(a.took()).isLessThan(ANSWER_BOUND);
            assertThat(a.status()).isIn(202, 503);
        });
    }

    /** The API needs no database: every request made while it was away was accepted. */
    private static void assertAllAccepted(SteadyIngest ingest, Instant from, Instant to) {
        assertThat(ingest.attempts().stream().filter(a -> !a.started().isBefore(from) && a.started().isBefore(to)))
                .isNotEmpty().allSatisfy(a -> assertThat(a.status()).isEqualTo(202));
    }

    /** Each acknowledged id stored once, nothing else stored, and the rollups count each once. */
    private static void assertStoredExactlyOnce(SteadyIngest ingest) throws SQLException {
        String customer = ingest.customer();
        int acked = ingest.ackedCount();
        await().atMost(RECOVERY_BOUND).untilAsserted(() -> assertThat(count(
                "SELECT count(*) FROM meter_event WHERE scope = ?", "c:" + customer)).as("events stored")
                .isGreaterThanOrEqualTo(acked));
        assertThat(count("SELECT count(*) FROM meter_event WHERE scope = ?", "c:" + customer)).isEqualTo(acked);
        assertThat(count("SELECT count(DISTINCT event_id) FROM meter_event WHERE scope = ? AND event_id = ANY (?)",
                "c:" + customer, ingest.acked().toArray(String[]::new))).isEqualTo(acked);
        await().atMost(RECOVERY_BOUND).until(() -> count("SELECT coalesce(sum(event_count), 0) FROM usage_rollup "
                + "WHERE customer = ?", customer) == acked);
    }

    private static void awaitAcked(SteadyIngest ingest, int events) {
        await().atMost(RECOVERY_BOUND).until(() -> ingest.ackedCount() >= events);
    }

    /** Polls readiness until it answers {@code status}; returns when it did. */
    private static Instant awaitReadiness(int status) {
        return awaitReadinessWithin(RECOVERY_BOUND, status);
    }

    private static Instant awaitReadinessWithin(Duration bound, int status) {
        await().atMost(bound).pollInterval(Duration.ofMillis(250)).until(() -> readiness() == status);
        return Instant.now();
    }

    private static int readiness() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(metering.url() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static void signal(String signal, long pid) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
    }

    private static long count(String sql, Object... args) throws SQLException {
        try (Connection c = DriverManager.getConnection(metering.jdbcUrl(), PostgresServer.USER,
                PostgresServer.PASSWORD); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof String[] array) {
                    s.setArray(i + 1, c.createArrayOf("text", array));
                } else {
                    s.setObject(i + 1, args[i]);
                }
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
