package io.meterline.metering.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

import io.meterline.contracts.Topics;
import io.meterline.platform.kafka.ReliableProducers;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;

/**
 * Puts accepted events on {@code meterline.usage.raw}: an idempotent producer with {@code acks=all}, keyed by
 * customer (or asset), in {@link RawUsageEventCodec}'s binary form. The ingest request is answered once Kafka has
 * acknowledged the whole batch.
 */
@ApplicationScoped
public class RawUsagePublisher {

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    private KafkaProducer<String, byte[]> producer;

    @PostConstruct
    void start() {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        producer = ReliableProducers.create(config, "metering-ingest", 2);
    }

    /** Completes when Kafka has every event of the batch, or fails with the first error. */
    public Uni<Void> publish(List<RawUsageEvent> events) {
        List<CompletableFuture<Void>> acks = new ArrayList<>(events.size());
        for (RawUsageEvent event : events) {
            CompletableFuture<Void> ack = new CompletableFuture<>();
            producer.send(new ProducerRecord<>(Topics.USAGE_RAW, event.recordKey(), RawUsageEventCodec.encode(event)), (metadata, error) -> {
                if (error != null) {
                    ack.completeExceptionally(error);
                } else {
                    ack.complete(null);
                }
            });
            acks.add(ack);
        }
        return Uni.createFrom().completionStage(CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)));
    }

    @PreDestroy
    void stop() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
    }
}
