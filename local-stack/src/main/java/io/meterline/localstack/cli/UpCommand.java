package io.meterline.localstack.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import io.meterline.localstack.demo.DemoData;
import io.meterline.localstack.kafka.KafkaBroker;
import io.meterline.localstack.keycloak.KeycloakServer;
import io.meterline.localstack.keycloak.LocalCredentials;
import io.meterline.localstack.postgres.PostgresServer;
import io.meterline.localstack.process.ManagedProcess;
import io.meterline.localstack.process.Ports;
import io.meterline.localstack.services.MeterlineService;
import io.meterline.localstack.services.ServiceLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./meterline up}: PostgreSQL, Kafka and Keycloak, then the five services, each waited on until ready. Runs
 * until Ctrl-C or SIGTERM, then stops everything in reverse order.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start Meterline on this machine: PostgreSQL, Kafka, Keycloak and the five services.")
public final class UpCommand implements Callable<Integer> {

    @Option(names = "--fresh", description = "Wipe the local data (PostgreSQL, Kafka, Keycloak, credentials) first.")
    boolean fresh;

    @Option(names = "--no-demo", description = "Do not load demo data on the first start.")
    boolean noDemo;

    @Option(names = "--home", defaultValue = "${env:METERLINE_HOME:-.meterline}",
            description = "Where data, logs and credentials live (env METERLINE_HOME, default ${DEFAULT-VALUE}).")
    Path home;

    @Option(names = "--repository", defaultValue = ".", description = "The Meterline checkout with the built jars.")
    Path repository;

    @Option(names = "--gateway-port", defaultValue = "${env:METERLINE_GATEWAY_PORT:-8080}",
            description = "admin-gateway (env METERLINE_GATEWAY_PORT, default ${DEFAULT-VALUE}).")
    int gatewayPort;

    @Option(names = "--metering-port", defaultValue = "${env:METERLINE_METERING_PORT:-8081}",
            description = "metering-service (env METERLINE_METERING_PORT, default ${DEFAULT-VALUE}).")
    int meteringPort;

    @Option(names = "--pricing-port", defaultValue = "${env:METERLINE_PRICING_PORT:-8082}",
            description = "pricing-service (env METERLINE_PRICING_PORT, default ${DEFAULT-VALUE}).")
    int pricingPort;

    @Option(names = "--billing-port", defaultValue = "${env:METERLINE_BILLING_PORT:-8083}",
            description = "billing-service (env METERLINE_BILLING_PORT, default ${DEFAULT-VALUE}).")
    int billingPort;

    @Option(names = "--projection-port", defaultValue = "${env:METERLINE_PROJECTION_PORT:-8084}",
            description = "projection-service (env METERLINE_PROJECTION_PORT, default ${DEFAULT-VALUE}).")
    int projectionPort;

    @Option(names = "--keycloak-port", defaultValue = "${env:METERLINE_KEYCLOAK_PORT:-8180}",
            description = "Keycloak; its management interface takes the next port (env METERLINE_KEYCLOAK_PORT, "
                    + "default ${DEFAULT-VALUE}).")
    int keycloakPort;

    @Option(names = "--kafka-port", defaultValue = "${env:METERLINE_KAFKA_PORT:-9092}",
            description = "Kafka; its KRaft controller takes the next port (env METERLINE_KAFKA_PORT, "
                    + "default ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--postgres-port", defaultValue = "${env:METERLINE_POSTGRES_PORT:-54320}",
            description = "PostgreSQL (env METERLINE_POSTGRES_PORT, default ${DEFAULT-VALUE}).")
    int postgresPort;

    /** What is running, in start order; stopped in reverse. */
    private final List<AutoCloseable> running = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Path root = home.toAbsolutePath().normalize();
        Path logs = root.resolve("logs");
        checkPortsAreFree();
        if (fresh) {
            wipe(root);
        }
        Files.createDirectories(logs);
        // Before the first logger exists: PostgreSQL's output (through slf4j-simple) goes to its own log.
        System.setProperty("org.slf4j.simpleLogger.logFile", logs.resolve("postgres.log").toString());
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "meterline-stop"));
        long started = System.nanoTime();

        String keycloakUrl = "http://localhost:" + keycloakPort;
        Path credentialsFile = root.resolve("credentials");
        if (!Files.exists(credentialsFile)) {
            // Keycloak imports the realm only once: without the secrets it was made with, start it over.
            deleteRecursively(KeycloakServer.home(root.resolve("keycloak")).resolve("data"));
        }
        LocalCredentials credentials = LocalCredentials.loadOrCreate(credentialsFile, keycloakUrl);
        credentials.write(credentialsFile);

        try {
            step("PostgreSQL on port " + postgresPort + " (data in " + root.resolve("pg") + ")");
            PostgresServer postgres = PostgresServer.start(postgresPort, Optional.of(root.resolve("pg")));
            track(postgres);
            for (MeterlineService service : MeterlineService.values()) {
                postgres.ensureDatabase(service.database());
            }

            step("Kafka on port " + kafkaPort + " and Keycloak " + KeycloakServer.VERSION + " on port "
                    + keycloakPort + ", in parallel");
            CompletableFuture<KafkaBroker> kafka = CompletableFuture.supplyAsync(() -> KafkaBroker.start(kafkaPort,
                    kafkaPort + 1, root.resolve("kafka"), logs.resolve("kafka.log"), Duration.ofMinutes(2)));
            CompletableFuture<KeycloakServer> keycloak = CompletableFuture.supplyAsync(() -> KeycloakServer.start(
                    root.resolve("keycloak"), root.resolve("downloads"), keycloakPort, keycloakPort + 1,
                    "http://localhost:" + gatewayPort, credentials, logs.resolve("keycloak.log"),
                    Duration.ofMinutes(5)));
            track(join(kafka));
            track(join(keycloak));

            step("the five services");
            ServiceLauncher.Wiring wiring = new ServiceLauncher.Wiring("127.0.0.1", postgresPort,
                    "127.0.0.1:" + kafkaPort, credentials.issuer(), Map.of(MeterlineService.BILLING, Map.of(
                            "meterline.metering.url", "http://127.0.0.1:" + port(MeterlineService.METERING),
                            "meterline.pricing.url", "http://127.0.0.1:" + port(MeterlineService.PRICING),
                            "meterline.billing-client.secret", credentials.billingClientSecret()),
                            MeterlineService.PROJECTION, Map.of(
                            "meterline.metering.url", "http://127.0.0.1:" + port(MeterlineService.METERING),
                            "meterline.projection-client.secret", credentials.projectionClientSecret()),
                            MeterlineService.GATEWAY, Map.of(
                            "meterline.gateway.metering-url", "http://127.0.0.1:" + port(MeterlineService.METERING),
                            "meterline.gateway.pricing-url", "http://127.0.0.1:" + port(MeterlineService.PRICING),
                            "meterline.gateway.billing-url", "http://127.0.0.1:" + port(MeterlineService.BILLING),
                            "meterline.gateway.projection-url",
                            "http://127.0.0.1:" + port(MeterlineService.PROJECTION),
                            "meterline.console.client-secret", credentials.consoleClientSecret(),
                            // http://localhost: the browser would drop Secure cookies sent over plain HTTP.
                            "meterline.gateway.secure-cookies", "false")));
            Map<MeterlineService, ManagedProcess> services = new LinkedHashMap<>();
            for (MeterlineService service : MeterlineService.values()) {
                ManagedProcess process = ServiceLauncher.start(service, port(service), wiring,
                        repository.toAbsolutePath().normalize(), logs);
                services.put(service, process);
                track(process);
            }
            List<CompletableFuture<Void>> readiness = services.entrySet().stream()
                    .map(e -> CompletableFuture.runAsync(() -> ServiceLauncher.awaitReady(e.getValue(),
                            port(e.getKey()), Duration.ofMinutes(5))))
                    .toList();
            readiness.forEach(UpCommand::join);

            Banner.print(System.out, this::port, keycloakPort, kafkaPort, postgresPort, credentials,
                    credentialsFile, logs, Duration.ofNanos(System.nanoTime() - started));
            System.out.println("Meterline is up");
            System.out.flush();
        } catch (RuntimeException e) {
            System.err.println();
            System.err.println("Meterline could not start: " + e.getMessage());
            return 1;
        }
        if (!noDemo && !DemoData.loaded(root)) {
            // The stack is up and usable meanwhile; a failure is reported and leaves the services running.
            DemoData.load(new DemoData.Stack(localUrl(MeterlineService.METERING), localUrl(MeterlineService.PRICING),
                    localUrl(MeterlineService.BILLING), localUrl(MeterlineService.PROJECTION)), root, System.out);
        }
        new CountDownLatch(1).await();
        return 0;
    }

    private synchronized <T extends AutoCloseable> T track(T server) {
        running.add(server);
        return server;
    }

    int port(MeterlineService service) {
        return switch (service) {
            case METERING -> meteringPort;
            case PRICING -> pricingPort;
            case BILLING -> billingPort;
            case PROJECTION -> projectionPort;
            case GATEWAY -> gatewayPort;
        };
    }

    private String localUrl(MeterlineService service) {
        return "http://127.0.0.1:" + port(service);
    }

    private void checkPortsAreFree() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (MeterlineService service : MeterlineService.values()) {
            ports.put(service.module() + " (--" + flag(service) + "-port)", port(service));
        }
        ports.put("Keycloak (--keycloak-port)", keycloakPort);
        ports.put("Keycloak management (--keycloak-port + 1)", keycloakPort + 1);
        ports.put("Kafka (--kafka-port)", kafkaPort);
        ports.put("Kafka controller (--kafka-port + 1)", kafkaPort + 1);
        ports.put("PostgreSQL (--postgres-port)", postgresPort);
        List<String> taken = ports.entrySet().stream().filter(e -> !Ports.isFree(e.getValue()))
                .map(e -> "  port " + e.getValue() + " for " + e.getKey()).toList();
        if (!taken.isEmpty()) {
            throw new PortsTakenException("These ports are already in use:\n" + String.join("\n", taken)
                    + "\nStop what holds them (see: ss -ltnp), or pick other ports with the flags above or their "
                    + "METERLINE_*_PORT environment variables (./meterline up --help).");
        }
    }

    private static String flag(MeterlineService service) {
        return service == MeterlineService.GATEWAY ? "gateway" : service.database();
    }

    private static void step(String what) {
        System.out.println("Starting " + what + "...");
        System.out.flush();
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private synchronized void stopAll() {
        if (running.isEmpty()) {
            return;
        }
        System.out.println("Stopping Meterline...");
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                System.err.println("Could not stop cleanly: " + e.getMessage());
            }
        }
        running.clear();
        System.out.println("Meterline stopped.");
        System.out.flush();
    }

    private static void wipe(Path root) throws IOException {
        System.out.println("Wiping local data under " + root + " (--fresh); downloads are kept.");
        deleteRecursively(root.resolve("pg"));
        deleteRecursively(root.resolve("kafka"));
        deleteRecursively(KeycloakServer.home(root.resolve("keycloak")).resolve("data"));
        Files.deleteIfExists(root.resolve("credentials"));
        Files.deleteIfExists(root.resolve(DemoData.MARKER)); // the next start loads the demo into the new data
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** A start-up refusal that needs no stack trace. */
    static final class PortsTakenException extends IllegalStateException {
        PortsTakenException(String message) {
            super(message);
        }
    }
}
