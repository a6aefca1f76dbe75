package io.meterline.deploy;

import static io.meterline.deploy.Manifests.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.meterline.localstack.postgres.PostgresServer;
import io.meterline.localstack.process.HttpProbe;
import io.meterline.localstack.process.ManagedProcess;
import io.meterline.localstack.process.Ports;
import io.meterline.localstack.services.MeterlineService;
import io.meterline.testing.KafkaTestResource;
import io.meterline.testing.OidcTestResource;
import io.meterline.testing.PostgresTestResource;

/**
 * Each service's built jar started as its pod would start it: the chart's ConfigMap as config/application.properties
 * in the working directory, the Deployment's environment (its Secrets filled in), no other setting but a free port.
 * It must become started and ready on a real PostgreSQL, Kafka broker and OIDC server. No cluster or image is needed:
 * this is the part of a deployment that can be checked here (docs/deployment.md).
 */
class ChartConfigurationIT {

    private static final String CLIENT_SECRET = "a-test-client-secret-of-at-least-32-characters";
    private static OidcTestResource oidc;
    private static String issuer;

    @BeforeAll
    static void startTheInfrastructure() {
        oidc = new OidcTestResource();
        issuer = oidc.start().get("quarkus.oidc.auth-server-url");
        KafkaTestResource.bootstrapServers();
    }

    @AfterAll
    static void stopTheOidcServer() {
        oidc.stop();
    }

    @ParameterizedTest
    @EnumSource(MeterlineService.class)
    void theChartsConfigurationStartsTheService(MeterlineService service) throws IOException {
        String name = service.database();
        PostgresServer pg = PostgresTestResource.server();
        String database = service.database() + "_chart_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        pg.ensureDatabase(database);
        List<JsonNode> objects = Manifests.parse(Manifests.renderText(new LinkedHashMap<>(Map.of(
                "postgresql.host", "127.0.0.1", "postgresql.port", pg.port(),
                "kafka.bootstrapServers", KafkaTestResource.bootstrapServers(), "kafka.compression", "none",
                "oidc.issuerUrl", issuer, name + ".database.name", database))));
        String properties = ofKind(objects, "ConfigMap").stream()
                .filter(c -> c.at("/metadata/name").asText().equals("meterline-" + name)).findFirst().orElseThrow()
                .at("/data/application.properties").asText();
        JsonNode container = ofKind(objects, "Deployment").stream()
                .filter(d -> d.at("/metadata/name").asText().equals("meterline-" + name)).findFirst().orElseThrow()
                .at("/spec/template/spec/containers/0");

        Path pod = Files.createTempDirectory(Path.of("target"), "pod-" + name + "-").toAbsolutePath();
        Files.createDirectories(pod.resolve("config"));
        Files.writeString(pod.resolve("config/application.properties"), properties);
        int port = Ports.freePort();
        Path jar = service.runnableJar(Manifests.REPOSITORY);
        assertThat(jar).as("build " + service.module() + " first (mvn -B package)").exists();
        try (ManagedProcess process = ManagedProcess.start(service.module(), List.of(ManagedProcess.javaExecutable(),
                "-Dquarkus.http.port=" + port, "-jar", jar.toString()), environment(container), pod,
                pod.resolve("service.log"))) {
            String base = "http://127.0.0.1:" + port;
            try {
                process.awaitReady(() -> HttpProbe.answers200(base + "/q/health/started")
                        && HttpProbe.answers200(base + "/q/health/ready"), Duration.ofSeconds(120));
            } catch (RuntimeException e) {
                throw new AssertionError(service.module() + " did not start ready with the chart's configuration:\n"
                        + process.tail(60), e);
            }
            assertThat(HttpProbe.answers200(base + "/q/health/live")).isTrue();
            assertThat(process.logContains("Profile prod activated")).as("the production profile").isTrue();
        }
        assertThat(migrations(pg, database)).as("Flyway migrated the database the chart named").isPositive();
    }

    private static long migrations(PostgresServer pg, String database) {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(pg.jdbcUrl(database), PostgresServer.USER,
                PostgresServer.PASSWORD);
             java.sql.ResultSet rs = c.createStatement().executeQuery(
                     "SELECT count(*) FROM flyway_schema_history WHERE success")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Deployment's environment as the kubelet would give it: plain values, and each Secret's key filled in. */
    private static Map<String, String> environment(JsonNode container) {
        Map<String, String> environment = new HashMap<>();
        for (JsonNode variable : container.path("env")) {
            String key = variable.path("name").asText();
            if (variable.has("value")) {
                environment.put(key, variable.path("value").asText());
            } else {
                String secretKey = variable.at("/valueFrom/secretKeyRef/key").asText();
                environment.put(key, switch (secretKey) {
                    case "username" -> PostgresServer.USER;
                    case "password" -> PostgresServer.PASSWORD;
                    default -> CLIENT_SECRET;
                });
            }
        }
        return environment;
    }
}
