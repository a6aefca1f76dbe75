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
import org.apache.kafka.common.KafkaException;

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

    @Inject
    IngestConfig ingest;

    private KafkaProducer<String, byte[]> producer;

    @PostConstruct
    void start() {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, ingest.publishMaxBlock().toMillis());
        producer = ReliableProducers.create(config, "metering-ingest", 2);
    }

    /**
     * Completes when Kafka has every event of the batch, or fails with the first error: at once if the producer cannot
     * take an event within {@link IngestConfig#publishMaxBlock()} (the broker away, its buffer full).
     */
    public Uni<Void> publish(List<RawUsageEvent> events) {
        List<CompletableFuture<Void>> acks = new ArrayList<>(events.size());
        try {
            for (RawUsageEvent event : events) {
                CompletableFuture<Void> ack = new CompletableFuture<>();
                producer.send(new ProducerRecord<>(Topics.USAGE_RAW, event.recordKey(), RawUsageEventCodec.encode(event)),
                        (metadata, error) -> {
                            if (error != null) {
                                ack.completeExceptionally(error);
                            } else {
                                ack.complete(null);
                            }
                        });
                acks.add(ack);
                if (ack.isCompletedExceptionally()) {
                    // The producer could not take it within max.block.ms and said so through the callback (as it
                    // does with a timeout): the rest would each wait as long, on the request's thread. Fail now.
                    return Uni.createFrom().completionStage(ack);
                }
            }
        } catch (KafkaException e) {
            return Uni.createFrom().failure(e); // events already handed over may still arrive: retries deduplicate
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
