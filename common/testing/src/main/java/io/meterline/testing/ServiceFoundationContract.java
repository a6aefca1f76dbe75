package io.meterline.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.util.TypeLiteral;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.arc.Arc;
import io.restassured.path.json.JsonPath;
import io.smallrye.common.annotation.Identifier;

/**
 * What every Meterline service must do from its first day: migrate its own database, reach Kafka through its own
 * configuration, guard /api with OIDC roles, and serve health, metrics and OpenAPI. Each service's foundation test
 * extends this class and names the tables its migrations create.
 */
public abstract class ServiceFoundationContract {

    /** Tables that the service's migrations must have created. */
    protected abstract List<String> expectedTables();

    /** The callers the auth matrix tries: the standard ones, and a service's API keys where it has them. */
    protected Map<String, AuthMatrix.Caller> callers() {
        return AuthMatrix.standardCallers();
    }

    /** Operations that start work for everyone when allowed ("METHOD /path"): the auth matrix only tries refusals. */
    protected java.util.Set<String> notCalledByRoleHolders() {
        return java.util.Set.of();
    }

    /** Operations the body fuzzing leaves out ("METHOD /path"), each with a reason where it is overridden. */
    protected java.util.Set<String> notFuzzed() {
        return java.util.Set.of();
    }

    @Test
    void fuzzedBodiesNeverGetA5xxAndARefusedOneChangesNothing() {
        long seed = Long.getLong("meterline.fuzz.seed", System.nanoTime());
        int cases = Integer.getInteger("meterline.fuzz.cases", 40);
        assertThat(BodyFuzz.violations(cases, seed, notFuzzed()))
                .as("fuzzed bodies answered with a 5xx, no answer, or a change despite a refusal (seed %d)", seed)
                .isEmpty();
    }

    @Test
    void everyOperationAnswersEachCallerAsItsDeclaredRolesSay() {
        assertThat(AuthMatrix.violations(callers(), notCalledByRoleHolders()))
                .as("operations that answered a caller otherwise than their declared roles say").isEmpty();
    }

    @Test
    void migrationsAreAppliedToTheServiceDatabase() throws Exception {
        Config config = ConfigProvider.getConfig();
        try (Connection c = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery(
                    "SELECT count(*), count(*) FILTER (WHERE NOT success) FROM flyway_schema_history WHERE version IS NOT NULL")) {
                rs.next();
                assertThat(rs.getInt(1)).as("applied migrations").isPositive();
                assertThat(rs.getInt(2)).as("failed migrations").isZero();
            }
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).containsAll(expectedTables());
        }
    }

    /**
     * PostgreSQL ends a transaction its client leaves idle, on the service's reactive and JDBC connections alike: while
     * one is open, vacuum reclaims nothing in the whole database (a stuck alert evaluation once bloated projection's
     * hot tables until every usage batch took ten times as long).
     */
    @Test
    void theDatabaseEndsATransactionLeftIdle() throws Exception {
        String expected = "1min";
        io.vertx.mutiny.sqlclient.Pool pool = Arc.container().select(io.vertx.mutiny.sqlclient.Pool.class).get();
        assertThat(pool.query("SHOW idle_in_transaction_session_timeout").execute().await()
                .atMost(java.time.Duration.ofSeconds(10)).iterator().next().getString(0))
                .as("reactive connections").isEqualTo(expected);
        try (Connection c = Arc.container().select(javax.sql.DataSource.class).get().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW idle_in_transaction_session_timeout")) {
            rs.next();
            assertThat(rs.getString(1)).as("JDBC connections").isEqualTo(expected);
        }
    }

    @Test
    void aMessageSentThroughTheServiceKafkaConfigurationComesBack() {
        Map<String, Object> serviceKafka = Arc.container()
                .select(new TypeLiteral<Map<String, Object>>() {
                }, Identifier.Literal.of("default-kafka-broker")).get();
        String topic = "meterline.selftest." + UUID.randomUUID();
        String payload = "ping-" + UUID.randomUUID();

        Map<String, Object> producerConfig = new HashMap<>(serviceKafka);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "selftest", payload)).get();
        } catch (Exception e) {
            throw new AssertionError("Could not send through the service's Kafka configuration", e);
        }

        Map<String, Object> consumerConfig = new HashMap<>(serviceKafka);
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "selftest-" + UUID.randomUUID());
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<String> received = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    received.add(record.value());
                }
            }
            assertThat(received).containsExactly(payload);
        }
    }

    @Test
    void aRequestWithoutATokenGets401AsProblemJson() {
        given().when().get("/api/v1/whoami")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("status", equalTo(401), "title", equalTo("Unauthenticated"));
    }

    @Test
    void aRequestWithAnInvalidTokenGets401() {
        given().auth().oauth2("not-a-token").when().get("/api/v1/whoami")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aTokenWithoutAMeterlineRoleGets403() {
        given().auth().oauth2(TestTokens.token("mallory", "guest")).when().get("/api/v1/whoami")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403));
    }

    @Test
    void eachMeterlineRoleGets200AndSeesItsIdentity() {
        Map<String, String> tokens = Map.of("admin", TestTokens.admin(), "operator", TestTokens.operator(),
                "viewer", TestTokens.viewer());
        tokens.forEach((role, token) -> given().auth().oauth2(token).when().get("/api/v1/whoami")
                .then().statusCode(200)
                .body("roles", equalTo(List.of(role)), "authentication", equalTo("oidc")));
        JsonPath admin = given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/whoami")
                .then().extract().jsonPath();
        assertThat(admin.getString("subject")).isNotBlank();
        assertThat(admin.getString("name")).isEqualTo("alice-admin");
    }

    @Test
    void anUnknownApiPathGets404AsProblemJson() {
        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/no-such-thing")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void readinessChecksTheDatabaseAndKafka() {
        JsonPath health = given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP")).extract().jsonPath();
        List<String> checks = health.getList("checks.name", String.class).stream().map(String::toLowerCase).toList();
        // The platform's bounded checks (platform/health), not Quarkus's own, which hang on a frozen peer.
        assertThat(checks).contains("database", "kafka");
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsAndOpenApiAreServed() {
        given().when().get("/q/metrics").then().statusCode(200);
        given().accept("application/json").when().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.keySet()", hasItem("/api/v1/whoami"));
    }

    /**
     * Generated clients read an operation's result from its 2xx response. SmallRye leaves it out when a method
     * declares only its errors with {@code @APIResponse}: declare the success too.
     */
    @Test
    void everyOperationDocumentsItsSuccess() {
        Map<String, Map<String, Object>> paths = given().accept("application/json").when()
                .get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath().getMap("paths");
        List<String> undocumented = new ArrayList<>();
        paths.forEach((path, item) -> item.forEach((method, operation) -> {
            if (operation instanceof Map<?, ?> op && op.get("responses") instanceof Map<?, ?> responses) {
                String name = method.toUpperCase(java.util.Locale.ROOT) + " " + path;
                if (responses.keySet().stream().noneMatch(code -> String.valueOf(code).startsWith("2"))) {
                    undocumented.add(name + ": no 2xx response");
                }
                // Only a 204 has no body: any other success must say what it answers.
                responses.forEach((code, response) -> {
                    if (String.valueOf(code).startsWith("2") && !"204".equals(String.valueOf(code))
                            && response instanceof Map<?, ?> r && r.get("content") == null) {
                        undocumented.add(name + ": " + code + " without content");
                    }
                });
            }
        }));
        assertThat(undocumented).as("operations whose success the OpenAPI document does not describe").isEmpty();
    }
}
