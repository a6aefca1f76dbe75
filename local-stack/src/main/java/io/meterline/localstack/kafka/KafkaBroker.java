package io.meterline.localstack.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.meterline.localstack.process.ManagedProcess;

/**
 * A real single-node Kafka broker in KRaft mode, run from the kafka_2.13 jars in a child JVM. The test JVMs and the
 * local stack share it; neither needs Docker.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final String CLASSPATH_RESOURCE = "/META-INF/meterline/runtime.classpath";

    private final ManagedProcess process;
    private final int port;

    private KafkaBroker(ManagedProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts a broker listening on {@code port}, with its controller on {@code controllerPort}, keeping its data under
     * {@code dataDirectory} (formatted on first use), and waits until it serves requests.
     */
    public static KafkaBroker start(int port, int controllerPort, Path dataDirectory, Path logFile, Duration timeout) {
        try {
            Files.createDirectories(dataDirectory);
            Path config = dataDirectory.resolve("server.properties");
            Path logDirs = dataDirectory.resolve("data");
            Files.writeString(config, serverProperties(port, controllerPort, logDirs), StandardCharsets.UTF_8);
            if (!Files.exists(logDirs.resolve("meta.properties"))) {
                format(config, dataDirectory, logFile, timeout);
            }
            ManagedProcess process = ManagedProcess.start("kafka", javaCommand(BrokerMain.class.getName(),
                    config.toString(), "127.0.0.1:" + port), Map.of(), dataDirectory, logFile);
            KafkaBroker broker = new KafkaBroker(process, port);
            process.awaitReady(() -> process.logContains(BrokerMain.READY_MARKER), timeout);
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare the Kafka broker: " + e.getMessage(), e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public ManagedProcess process() {
        return process;
    }

    private static void format(Path config, Path workingDirectory, Path logFile, Duration timeout) {
        ManagedProcess formatter = ManagedProcess.start("kafka-storage-format",
                javaCommand("kafka.tools.StorageTool", "format", "-t", newClusterId(), "-c", config.toString(),
                        "--standalone"),
                Map.of(), workingDirectory, logFile.resolveSibling("kafka-format.log"));
        formatter.awaitExit(timeout);
    }

    private static List<String> javaCommand(String mainClass, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(ManagedProcess.javaExecutable(),
                "-Xms256m", "-Xmx1g", "-XX:+UseG1GC", "-Djava.awt.headless=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.clients=warn",
                "-cp", brokerClasspath(), mainClass));
        command.addAll(List.of(args));
        return command;
    }

    /** This module's classes followed by its compile and provided dependencies, Kafka's server jars among them. */
    static String brokerClasspath() {
        try (InputStream in = KafkaBroker.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(CLASSPATH_RESOURCE + " is missing: build local-stack with Maven first");
            }
            String dependencies = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            Path ownClasses = Path.of(KafkaBroker.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return ownClasses + java.io.File.pathSeparator + dependencies;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A Kafka cluster id: 16 random bytes in URL-safe base64 without padding, as Kafka's Uuid prints them. Never one
     * that starts with '-', which the storage tool's argument parser would take for an option (as Kafka's own
     * Uuid.randomUuid also avoids).
     */
    static String newClusterId() {
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[16];
        String id;
        do {
            random.nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
    }

    static String serverProperties(int port, int controllerPort, Path logDirs) {
        return """
                # Written by Meterline's local stack at each start; edit KafkaBroker.java instead.
                process.roles=broker,controller
                node.id=1
                controller.quorum.bootstrap.servers=127.0.0.1:%2$d
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                log.dirs=%3$s
                num.partitions=4
                auto.create.topics.enable=true
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=4
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                transaction.state.log.num.partitions=4
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                log.retention.hours=168
                """.formatted(port, controllerPort, logDirs);
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(30));
    }
}
