package io.meterline.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.meterline.localstack.postgres.PostgresServer;
import io.meterline.localstack.process.Ports;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real PostgreSQL server, started once per test JVM on a free port, with a fresh database each time a Quarkus
 * application under test starts. Pass the service's name as the {@code service} argument.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private static final String PORT_PROPERTY = "meterline.test.postgres.port";

    private String service = "service";

    /** The server shared by this JVM's tests, started on first use. */
    public static PostgresServer server() {
        int port = Integer.parseInt(JvmWide.getOrStart(PORT_PROPERTY, () -> {
            try {
                PostgresServer started = PostgresServer.start(Ports.freePort(), Optional.empty());
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (IOException e) {
                        // The JVM is exiting; the temporary cluster goes with it.
                    }
                }, "postgres-test-server-stop"));
                return String.valueOf(started.port());
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the test PostgreSQL server: " + e.getMessage(), e);
            }
        }));
        return PostgresServer.attach(port);
    }

    @Override
    public void init(Map<String, String> initArgs) {
        service = initArgs.getOrDefault("service", service);
    }

    @Override
    public Map<String, String> start() {
        PostgresServer pg = server();
        String database = service + "_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        pg.ensureDatabase(database);
        return Map.of(
                "quarkus.datasource.jdbc.url", pg.jdbcUrl(database),
                "quarkus.datasource.reactive.url", pg.reactiveUrl(database),
                "quarkus.datasource.username", PostgresServer.USER,
                "quarkus.datasource.password", PostgresServer.PASSWORD);
    }

    @Override
    public void stop() {
        // The server is shared by every application this JVM starts; the shutdown hook stops it.
    }
}
