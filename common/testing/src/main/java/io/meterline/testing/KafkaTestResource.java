package io.meterline.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.meterline.localstack.kafka.KafkaBroker;
import io.meterline.localstack.process.Ports;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real Kafka broker in KRaft mode, started once per test JVM on free ports. Its data and log go under
 * {@code target/kafka-test-*} of the module under test, so a failed CI run can be read afterwards.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private static final String BOOTSTRAP_PROPERTY = "meterline.test.kafka.bootstrap";

    /** The bootstrap servers of the broker shared by this JVM's tests, started on first use. */
    public static String bootstrapServers() {
        return JvmWide.getOrStart(BOOTSTRAP_PROPERTY, () -> {
            Path directory = Path.of("target", "kafka-test-" + UUID.randomUUID().toString().substring(0, 8))
                    .toAbsolutePath();
            KafkaBroker started = KafkaBroker.start(Ports.freePort(), Ports.freePort(), directory,
                    directory.resolve("kafka.log"), Duration.ofSeconds(120));
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "kafka-test-broker-stop"));
            return started.bootstrapServers();
        });
    }

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", bootstrapServers());
    }

    @Override
    public void stop() {
        // Shared by every application this JVM starts; the shutdown hook stops it.
    }
}
