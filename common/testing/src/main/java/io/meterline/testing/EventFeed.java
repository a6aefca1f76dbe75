package io.meterline.testing;

import java.time.Instant;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import io.meterline.platform.messaging.CloudEventEnvelope;

/**
 * Publishes another service's events as its outbox relay does (CloudEvents in binary mode: ce_* headers, a JSON
 * value), so a test runs the real consumer without running that service. A plain producer, on purpose: it stands in
 * for the platform's relay, not for a service's messaging.
 */
public final class EventFeed {

    private static KafkaProducer<String, String> producer;

    private EventFeed() {
    }

    public static synchronized void publish(String topic, String key, String type, String source, String body,
            String eventId) {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        }
        CloudEventEnvelope envelope = new CloudEventEnvelope(eventId, source, type, null, Instant.now());
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, null, key, body, envelope.headers());
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish a " + type + " event", e);
        }
    }
}
