package io.meterline.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.meterline.localstack.postgres.PostgresServer;
import io.meterline.localstack.process.Ports;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real PostgreSQL server, started once per test JVM on a free port, with a fresh database each time a Quarkus
 * application under test starts. Pass the service's name as the {@code service} argument.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresServer server;

    private String service = "service";

    /** The server shared by this JVM's tests, started on first use. */
    public static synchronized PostgresServer server() {
        if (server == null) {
            try {
                PostgresServer started = PostgresServer.start(Ports.freePort(), Optional.empty());
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (IOException e) {
                        // The JVM is exiting; the temporary cluster goes with it.
                    }
                }, "postgres-test-server-stop"));
                server = started;
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the test PostgreSQL server: " + e.getMessage(), e);
            }
        }
        return server;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        service = initArgs.getOrDefault("service", service);
    }

    @Override
    public Map<String, String> start() {
        PostgresServer pg = server();
        String database = service + "_test_" + DATABASES.incrementAndGet();
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
