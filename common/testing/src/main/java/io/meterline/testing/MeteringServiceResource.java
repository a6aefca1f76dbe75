package io.meterline.testing;

import java.util.Map;
import java.util.UUID;

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
        // @QuarkusTestResource applies to every test of a module, and may be declared more than once: one process.
        if (running(PID)) {
            return Map.of("meterline.metering.url", url());
        }
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

    static boolean running(String pidProperty) {
        String pid = System.getProperty(pidProperty);
        return pid != null && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
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
        ServiceProcess process = ServiceProcess.attach(MeterlineService.METERING,
                Integer.parseInt(System.getProperty(PORT)), System.getProperty(DATABASE)).start();
        System.setProperty(PID, String.valueOf(process.pid()));
    }
}
