package io.meterline.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.meterline.localstack.kafka.KafkaBroker;
import io.meterline.localstack.process.Ports;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real Kafka broker in KRaft mode, started once per test JVM on free ports. Its data and log go under
 * {@code target/kafka-test-<pid>} of the module under test, so a failed CI run can be read afterwards.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private static KafkaBroker broker;

    /** The broker shared by this JVM's tests, started on first use. */
    public static synchronized KafkaBroker broker() {
        if (broker == null) {
            Path directory = Path.of("target", "kafka-test-" + ProcessHandle.current().pid()).toAbsolutePath();
            KafkaBroker started = KafkaBroker.start(Ports.freePort(), Ports.freePort(), directory,
                    directory.resolve("kafka.log"), Duration.ofSeconds(120));
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "kafka-test-broker-stop"));
            broker = started;
        }
        return broker;
    }

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", broker().bootstrapServers());
    }

    @Override
    public void stop() {
        // Shared by every application this JVM starts; the shutdown hook stops it.
    }
}
