package io.meterline.deploy;

import static io.meterline.deploy.Manifests.ofKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
 * in the working directory, the Deployment's environment (its Secrets filled in) and its Secret volumes (the pod's
 * /deployments is a temporary folder), no other setting but a free port. It must become started and ready on a real
 * PostgreSQL, Kafka broker and OIDC server. No cluster or image is needed: this is the part of a deployment that can
 * be checked here (docs/deployment.md).
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
        String database = newDatabase(service);
        try (ManagedProcess process = startAsItsPod(service, database, Map.of(), Map.of())) {
            // Quarkus logs its profile just after it starts listening: the log may trail the ready answer.
            org.awaitility.Awaitility.await("the production profile").atMost(Duration.ofSeconds(20))
                    .until(() -> process.logContains("Profile prod activated"));
        }
        assertThat(migrations(database)).as("Flyway migrated the database the chart named").isPositive();
    }

    /**
     * postgresql.tls.caSecret: every connection of the service, JDBC and reactive, is encrypted and checks the
     * server's certificate against the CA from the Secret, and a CA that did not sign it is refused.
     */
    @Test
    void withTheDatabasesCaTheServiceConnectsOverVerifiedTls() throws Exception {
        Path tls = Path.of("target", "tls-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        TestCertificates server = TestCertificates.issue(tls.resolve("server"), "meterline-test-ca");
        TestCertificates stranger = TestCertificates.issue(tls.resolve("stranger"), "another-ca");
        enableTls(server);
        Map<String, Object> sets = Map.of("postgresql.host", "localhost", "postgresql.tls.caSecret", "meterline-postgresql-ca");
        MeterlineService service = MeterlineService.PRICING;

        String database = newDatabase(service);
        try (ManagedProcess process = startAsItsPod(service, database, sets, Map.of("tls/postgresql/ca.crt", server.ca()))) {
            assertThat(connections(database, "ssl")).as("connections over TLS").isPositive();
            assertThat(connections(database, "NOT ssl")).as("connections in the clear").isZero();
        }
        assertThat(migrations(database)).isPositive();

        String refused = newDatabase(service);
        assertThatThrownBy(() -> startAsItsPod(service, refused, sets, Map.of("tls/postgresql/ca.crt", stranger.ca()))
                .close()).hasMessageContaining("exited").hasMessageContaining("PKIX path building failed");
    }

    /** Starts the service with what the chart renders for it, and waits until it is started and ready. */
    private static ManagedProcess startAsItsPod(MeterlineService service, String database, Map<String, Object> sets,
            Map<String, Path> secretFiles) throws IOException {
        String name = service.database();
        PostgresServer pg = PostgresTestResource.server();
        Map<String, Object> values = new LinkedHashMap<>(Map.of("postgresql.host", "127.0.0.1",
                "postgresql.port", pg.port(), "kafka.bootstrapServers", KafkaTestResource.bootstrapServers(),
                "kafka.compression", "none", "oidc.issuerUrl", issuer, name + ".database.name", database));
        values.putAll(sets);
        List<JsonNode> objects = Manifests.parse(Manifests.renderText(values));
        String properties = ofKind(objects, "ConfigMap").stream()
                .filter(c -> c.at("/metadata/name").asText().equals("meterline-" + name)).findFirst().orElseThrow()
                .at("/data/application.properties").asText();
        JsonNode container = ofKind(objects, "Deployment").stream()
                .filter(d -> d.at("/metadata/name").asText().equals("meterline-" + name)).findFirst().orElseThrow()
                .at("/spec/template/spec/containers/0");

        Path pod = Files.createTempDirectory(Path.of("target"), "pod-" + name + "-").toAbsolutePath();
        Files.createDirectories(pod.resolve("config"));
        // The pod's /deployments is this folder: its Secret volumes are mounted below it.
        Files.writeString(pod.resolve("config/application.properties"), properties.replace("/deployments/", pod + "/"));
        for (Map.Entry<String, Path> file : secretFiles.entrySet()) {
            Files.createDirectories(pod.resolve(file.getKey()).getParent());
            Files.copy(file.getValue(), pod.resolve(file.getKey()));
        }
        int port = Ports.freePort();
        Path jar = service.runnableJar(Manifests.REPOSITORY);
        assertThat(jar).as("build " + service.module() + " first (mvn -B package)").exists();
        ManagedProcess process = ManagedProcess.start(service.module(), List.of(ManagedProcess.javaExecutable(),
                "-Dquarkus.http.port=" + port, "-jar", jar.toString()), environment(container), pod,
                pod.resolve("service.log"));
        String base = "http://127.0.0.1:" + port;
        try {
            process.awaitReady(() -> HttpProbe.answers200(base + "/q/health/started")
                    && HttpProbe.answers200(base + "/q/health/ready"), Duration.ofSeconds(120));
        } catch (RuntimeException e) {
            process.close();
            throw new IllegalStateException(service.module() + " did not start ready with the chart's configuration: "
                    + e.getMessage(), e);
        }
        assertThat(HttpProbe.answers200(base + "/q/health/live")).isTrue();
        assertThat(throughAProxy(base + "/q/metrics")).as("metrics, asked through the ingress")
                .startsWith("404 application/problem+json");
        return process;
    }

    /** What a request forwarded by an ingress gets: its status and content type. */
    private static String throughAProxy(String url) {
        try {
            java.net.http.HttpResponse<Void> response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                            .header("X-Forwarded-For", "203.0.113.7").build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            return response.statusCode() + " " + response.headers().firstValue("Content-Type").orElse("");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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

    private static String newDatabase(MeterlineService service) {
        String database = service.database() + "_chart_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        PostgresTestResource.server().ensureDatabase(database);
        return database;
    }

    /** PostgreSQL takes TLS connections with the server certificate (clients may still connect in the clear). */
    private static void enableTls(TestCertificates certificates) throws SQLException {
        try (Connection c = admin("postgres")) {
            c.createStatement().execute("ALTER SYSTEM SET ssl_cert_file = '" + certificates.serverCertificate() + "'");
            c.createStatement().execute("ALTER SYSTEM SET ssl_key_file = '" + certificates.serverKey() + "'");
            c.createStatement().execute("ALTER SYSTEM SET ssl = on");
            c.createStatement().execute("SELECT pg_reload_conf()");
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            try (Connection c = admin("postgres"); ResultSet rs = c.createStatement().executeQuery("SHOW ssl")) {
                rs.next();
                return rs.getString(1).equals("on");
            }
        });
    }

    private static long migrations(String database) {
        return count(database, "SELECT count(*) FROM flyway_schema_history WHERE success");
    }

    private static long connections(String database, String condition) {
        return count("postgres", "SELECT count(*) FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid) "
                + "WHERE a.datname = '" + database + "' AND " + condition);
    }

    private static long count(String database, String sql) {
        try (Connection c = admin(database); PreparedStatement s = c.prepareStatement(sql);
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The server's superuser (trust authentication on the test server): ALTER SYSTEM and pg_stat_ssl need it. */
    private static Connection admin(String database) throws SQLException {
        return DriverManager.getConnection(PostgresTestResource.server().jdbcUrl(database), "postgres", "");
    }
}
