package io.meterline.platform.kafka;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The raw producers of the ingest hot path (metering's raw and metered usage; why, and the channel experiment's
 * figures: docs/benchmarks.md, "One style for persistence and messaging").
 * Everything else publishes through SmallRye channels. Idempotent, {@code acks=all}, on the service's Kafka
 * configuration, as the channels are: a record Kafka acknowledged is on every in-sync replica and a retry never
 * writes it twice.
 */
public final class ReliableProducers {

    private ReliableProducers() {
    }

    public static KafkaProducer<String, byte[]> create(Map<String, Object> serviceKafkaConfig, String clientId,
            int lingerMs) {
        Map<String, Object> config = new HashMap<>(serviceKafkaConfig);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        // lz4 unless the service's Kafka configuration says otherwise (kafka.compression.type), as a co-located
        // stack does: with no network between, compression only costs CPU.
        config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }
}
