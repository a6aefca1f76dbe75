package io.meterline.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.meterline.platform.messaging.CloudEventEnvelope;

/**
 * Publishes another service's events as its outbox relay does (CloudEvents in binary mode: ce_* headers, a JSON
 * value), so a test runs the real consumer without running that service. A plain producer, on purpose: it stands in
 * for the platform's relay, not for a service's messaging.
 */
public final class EventFeed {

    private static KafkaProducer<String, byte[]> producer;

    private EventFeed() {
    }

    public static synchronized void publish(String topic, String key, String type, String source, String body,
            String eventId) {
        CloudEventEnvelope envelope = new CloudEventEnvelope(eventId, source, type, null, Instant.now());
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, null, key,
                body.getBytes(StandardCharsets.UTF_8), envelope.headers());
        try {
            producer().send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish a " + type + " event", e);
        }
    }

    /** One event of a {@link #publishAll} call: its key and JSON body; each gets its own CloudEvents id. */
    public record Keyed(String key, String body) {
    }

    /** Many events of one type at once, each in the envelope {@link #publish} writes; returns once Kafka has all. */
    public static synchronized void publishAll(String topic, String type, String source, java.util.List<Keyed> events) {
        try {
            for (Keyed e : events) {
                CloudEventEnvelope envelope = new CloudEventEnvelope(java.util.UUID.randomUUID().toString(), source,
                        type, null, Instant.now());
                producer().send(new ProducerRecord<>(topic, null, e.key(), e.body().getBytes(StandardCharsets.UTF_8),
                        envelope.headers()));
            }
            producer().flush();
        } catch (RuntimeException e) {
            throw new IllegalStateException("Could not publish " + events.size() + " " + type + " events", e);
        }
    }

    /**
     * Writes records as they are, in one producer batch (so one consumer poll), as an older or broken producer could
     * write them: for tests of what a consumer does with records it cannot read or store.
     */
    public static synchronized void publishAsIs(String topic, String key, byte[]... values) {
        try {
            for (byte[] value : values) {
                producer().send(new ProducerRecord<>(topic, key, value));
            }
            producer().flush();
        } catch (RuntimeException e) {
            throw new IllegalStateException("Could not publish " + values.length + " records on " + topic, e);
        }
    }

    private static KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.LINGER_MS_CONFIG, 20); // records published together travel together
            producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }
}
