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

/**
 * A Meterline service's built jar run as a child process on this test JVM's PostgreSQL (a database of its own),
 * Kafka broker and OIDC test server, on a free port. A test can kill it (SIGKILL, as a crash) or stop it (SIGTERM)
 * and start it again on the same port and database.
 */
public final class ServiceProcess implements AutoCloseable {

    private final MeterlineService service;
    private final Map<String, String> properties;
    private final int port;
    private final String database;
    private ManagedProcess process;

    private ServiceProcess(MeterlineService service, int port, String database, Map<String, String> properties) {
        this.service = service;
        this.port = port;
        this.database = database;
        this.properties = Map.copyOf(properties);
    }

    /** A new process of {@code service} with a fresh database; {@code properties} are passed as -D options. */
    public static ServiceProcess of(MeterlineService service, Map<String, String> properties) {
        String database = service.database() + "_test_" + UUID.randomUUID().toString().replace("-", "")
                .substring(0, 12);
        PostgresTestResource.server().ensureDatabase(database);
        return new ServiceProcess(service, Ports.freePort(), database, properties);
    }

    /** The same service on a known port and database, for callers that keep them elsewhere. */
    static ServiceProcess attach(MeterlineService service, int port, String database) {
        return new ServiceProcess(service, port, database, Map.of());
    }

    /** The service's own database on the test server. */
    public String database() {
        return database;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The JDBC URL of the service's own database, for a test's checks. */
    public String jdbcUrl() {
        return PostgresTestResource.server().jdbcUrl(database);
    }

    /** Starts the process and waits until its readiness check answers. */
    public ServiceProcess start() {
        Path repository = repository();
        Path jar = service.runnableJar(repository);
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build " + service.module() + " first (mvn -B install)");
        }
        PostgresServer pg = PostgresTestResource.server();
        List<String> command = new ArrayList<>(List.of(ManagedProcess.javaExecutable(), "-Xmx384m",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.datasource.jdbc.url=" + pg.jdbcUrl(database),
                "-Dquarkus.datasource.reactive.url=" + pg.reactiveUrl(database),
                "-Dmeterline.db.username=" + PostgresServer.USER,
                "-Dmeterline.db.password=" + PostgresServer.PASSWORD,
                "-Dkafka.bootstrap.servers=" + KafkaTestResource.bootstrapServers(),
                "-Dkafka.compression.type=none",
                "-Dmeterline.oidc.url=" + System.getProperty(OidcTestResource.URL_PROPERTY)));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toString()));
        process = ManagedProcess.start(service.module(), command, Map.of(), repository, repository
                .resolve(service.module() + "/target/" + service.module() + "-for-tests-" + port + "-"
                        + System.currentTimeMillis() + ".log"));
        long pid = process.pid();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.of(pid)
                .ifPresent(ProcessHandle::destroyForcibly)));
        try {
            process.awaitReady(() -> HttpProbe.answers200(url() + "/q/health/ready"), Duration.ofSeconds(90));
        } catch (RuntimeException e) {
            throw new IllegalStateException(service.module() + " did not get ready: " + process.tail(40), e);
        }
        return this;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: the process dies at once, mid-transaction if it was in one. */
    public void kill() {
        ProcessHandle.of(process.pid()).ifPresent(handle -> {
            handle.destroyForcibly();
            handle.onExit().join();
        });
    }

    /** SIGTERM, then SIGKILL after 20 s. */
    public void stop() {
        process.stop(Duration.ofSeconds(20));
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            stop();
        }
    }

    /** The checkout's root: the folder that holds the service modules. */
    static Path repository() {
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
