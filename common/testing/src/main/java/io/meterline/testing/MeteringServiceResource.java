package io.meterline.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.meterline.localstack.postgres.PostgresServer;
import io.meterline.localstack.process.HttpProbe;
import io.meterline.localstack.process.ManagedProcess;
import io.meterline.localstack.process.Ports;
import io.meterline.localstack.services.MeterlineService;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real metering-service for services that read usage from it over REST (billing): its built jar, run as a child
 * process on this test JVM's PostgreSQL (a database of its own), Kafka broker and OIDC test server. It starts after
 * those and stops with the application under test. A test can shut it down and start it again ({@link #shutDown()},
 * {@link #restart()}) to see what its caller does while metering is down. It needs metering-service built first:
 * the reactor builds it before the modules that test against it.
 */
public class MeteringServiceResource implements QuarkusTestResourceLifecycleManager {

    // Quarkus loads test classes in several class loaders; system properties reach them all.
    private static final String PID = "meterline.test.metering.pid";
    private static final String PORT = "meterline.test.metering.port";
    private static final String DATABASE = "meterline.test.metering.database";

    @Override
    public int order() {
        return 100; // after PostgreSQL, Kafka and the OIDC server, whose addresses it needs
    }

    @Override
    public Map<String, String> start() {
        int port = Ports.freePort();
        System.setProperty(PORT, String.valueOf(port));
        String database = "metering_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        PostgresTestResource.server().ensureDatabase(database);
        System.setProperty(DATABASE, database);
        launch();
        return Map.of("meterline.metering.url", url());
    }

    @Override
    public void stop() {
        shutDown();
    }

    /** metering-service's base URL. */
    public static String url() {
        return "http://127.0.0.1:" + System.getProperty(PORT);
    }

    /**
     * Stops metering (SIGTERM, then SIGKILL after 20 s), as an outage would. A clean stop lets its consumers leave
     * their group, so a restart takes their partitions back at once instead of after the session timeout.
     */
    public static void shutDown() {
        String pid = System.getProperty(PID);
        if (pid != null) {
            ProcessHandle.of(Long.parseLong(pid)).ifPresent(handle -> {
                handle.destroy();
                try {
                    handle.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    handle.destroyForcibly();
                    handle.onExit().join();
                }
            });
            System.clearProperty(PID);
        }
    }

    /** Starts metering again on the same port and database, and waits until it is ready. */
    public static void restart() {
        shutDown();
        launch();
    }

    private static void launch() {
        Path repository = repository();
        Path jar = MeterlineService.METERING.runnableJar(repository);
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build metering-service first (mvn -B install)");
        }
        int port = Integer.parseInt(System.getProperty(PORT));
        PostgresServer pg = PostgresTestResource.server();
        String database = System.getProperty(DATABASE);
        List<String> command = new ArrayList<>(List.of(ManagedProcess.javaExecutable(), "-Xmx384m",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.datasource.jdbc.url=" + pg.jdbcUrl(database),
                "-Dquarkus.datasource.reactive.url=" + pg.reactiveUrl(database),
                "-Dkafka.bootstrap.servers=" + KafkaTestResource.bootstrapServers(),
                "-Dkafka.compression.type=none",
                "-Dmeterline.oidc.url=" + System.getProperty(OidcTestResource.URL_PROPERTY),
                "-jar", jar.toString()));
        ManagedProcess process = ManagedProcess.start("metering-service", command, Map.of(), repository,
                repository.resolve("metering-service/target/metering-for-tests-" + port + "-"
                        + System.currentTimeMillis() + ".log"));
        System.setProperty(PID, String.valueOf(process.pid()));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.of(process.pid())
                .ifPresent(ProcessHandle::destroyForcibly)));
        try {
            process.awaitReady(() -> HttpProbe.answers200(url() + "/q/health/ready"), Duration.ofSeconds(90));
        } catch (RuntimeException e) {
            throw new IllegalStateException("metering-service did not get ready: " + process.tail(40), e);
        }
    }

    /** The checkout's root: the folder that holds metering-service. */
    private static Path repository() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("metering-service"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("No metering-service folder above " + System.getProperty("user.dir"));
        }
        return dir;
    }
}
