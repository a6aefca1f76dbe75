package io.meterline.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic of the test broker from the beginning, to assert what a service published. */
public final class TopicReader {

    /** A record as a test sees it: key, value, and the CloudEvents headers. */
    public record Message(String key, String value, Map<String, String> headers) {

        public String header(String name) {
            return headers.get(name);
        }
    }

    private TopicReader() {
    }

    /** Waits up to {@code timeout} for a record matching {@code wanted}, and returns every match seen by then. */
    public static List<Message> await(String topic, Predicate<Message> wanted, Duration timeout) {
        return await(topic, wanted, 1, timeout);
    }

    /**
     * Reads the topic from its start until at least {@code count} messages are wanted (or the timeout), and returns
     * those read by then: messages sent one by one can arrive in different polls.
     */
    public static List<Message> await(String topic, Predicate<Message> wanted, int count, Duration timeout) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<Message> matches = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (matches.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(250))) {
                    Map<String, String> headers = new java.util.HashMap<>();
                    for (Header header : record.headers()) {
                        headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
                    }
                    Message message = new Message(record.key(), record.value(), headers);
                    if (wanted.test(message)) {
                        matches.add(message);
                    }
                }
            }
        }
        return matches;
    }
}
