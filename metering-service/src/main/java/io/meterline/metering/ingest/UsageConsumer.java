package io.meterline.metering.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.meterline.contracts.Topics;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Reads {@code meterline.usage.raw} in large batches and stores each batch exactly once through
 * {@link EventBatchWriter}. Offsets are committed only after the batch's transaction has committed: a crash in
 * between redelivers the batch, and the dedup ledger keeps it from counting twice.
 */
@ApplicationScoped
public class UsageConsumer {

    private static final Logger LOG = Logger.getLogger(UsageConsumer.class);

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    IngestConfig config;

    @Inject
    EventBatchWriter writer;

    @Inject
    MeteredUsageRelay metered;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry registry;

    private volatile boolean running;
    private final List<Worker> workers = new ArrayList<>();
    private final AtomicLong lag = new AtomicLong();

    void onStart(@Observes StartupEvent event) {
        if (config.consumerEnabled()) {
            start();
        }
    }

    /** Starts the configured number of workers, each with its own Kafka consumer and thread. */
    public synchronized void start() {
        if (running) {
            return;
        }
        registry.gauge("meterline.ingest.consumer.lag", lag);
        running = true;
        for (int i = 0; i < config.consumerThreads(); i++) {
            Worker worker = new Worker(newConsumer(i));
            workers.add(worker);
            worker.thread = new Thread(worker::run, "usage-consumer-" + i);
            worker.thread.start();
        }
    }

    private KafkaConsumer<String, byte[]> newConsumer(int index) {
        Map<String, Object> props = new HashMap<>(kafkaConfig);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.consumerGroup());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.consumerMaxBatch());
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "metering-usage-writer-" + index);
        // Wait a moment for more records: fewer, larger transactions store faster.
        props.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 256 * 1024);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.USAGE_RAW));
        return consumer;
    }

    /** Stops after the batches in hand, leaving their offsets uncommitted if they did not finish. */
    @PreDestroy
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        workers.forEach(w -> w.consumer.wakeup());
        for (Worker worker : workers) {
            try {
                worker.stopped.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.clear();
    }

    /** One consumer of the group, on its own thread; Kafka gives each its share of the partitions. */
    private final class Worker {
        final KafkaConsumer<String, byte[]> consumer;
        final CountDownLatch stopped = new CountDownLatch(1);
        Thread thread;

        Worker(KafkaConsumer<String, byte[]> consumer) {
            this.consumer = consumer;
        }

        void run() {
            DistributionSummary batchSizes = registry.summary("meterline.ingest.consumer.batch.size");
            ObjectReader reader = json.readerFor(RawUsageEvent.class);
            Timer endToEnd = registry.timer("meterline.ingest.end.to.end");
            try {
                while (running) {
                    ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                    updateLag();
                    if (records.isEmpty()) {
                        continue;
                    }
                    long parseStarted = System.nanoTime();
                    List<RawUsageEvent> events = new ArrayList<>(records.count());
                    for (ConsumerRecord<String, byte[]> record : records) {
                        try {
                            byte[] value = record.value();
                            events.add(RawUsageEventCodec.isBinary(value) ? RawUsageEventCodec.decode(value)
                                    : reader.readValue(value)); // JSON, as written before the binary form
                        } catch (Exception e) {
                            registry.counter("meterline.ingest.unreadable").increment();
                            LOG.errorf("Skipping an unreadable record at %s-%d offset %d: %s", record.topic(),
                                    record.partition(), record.offset(), e.getMessage());
                        }
                    }
                    registry.timer("meterline.ingest.consumer.parse").record(System.nanoTime() - parseStarted,
                            TimeUnit.NANOSECONDS);
                    if (!storeWithRetry(events, records)) {
                        continue;
                    }
                    long committing = System.nanoTime();
                    // Asynchronous: the batch is already stored, so a commit that is late or lost only means a
                    // redelivery, which the ledger turns into nothing. The thread goes on to the next batch meanwhile.
                    consumer.commitAsync((offsets, error) -> {
                        if (error != null) {
                            LOG.debugf("An offset commit failed; the batch may be redelivered and deduplicated: %s",
                                    error.getMessage());
                        }
                    });
                    registry.timer("meterline.ingest.consumer.offset.commit").record(System.nanoTime() - committing,
                            TimeUnit.NANOSECONDS);
                    batchSizes.record(events.size());
                    Instant now = Instant.now();
                    for (RawUsageEvent e : events) {
                        if (e.ingestedAt() != null) {
                            endToEnd.record(Duration.between(e.ingestedAt(), now));
                        }
                    }
                }
            } catch (WakeupException e) {
                // stop() woke us: leave the loop.
            } catch (RuntimeException e) {
                LOG.error("The usage consumer stopped on an unexpected error; uncommitted batches will be redelivered", e);
            } finally {
                try {
                    consumer.close(Duration.ofSeconds(10));
                } finally {
                    running = false;
                    stopped.countDown();
                }
            }
        }

        /**
         * Stores the batch, retrying while the database is unavailable. Returns false if stopping interrupted it; then
         * the consumer is rewound to the batch so that nothing in it is skipped.
         */
        boolean storeWithRetry(List<RawUsageEvent> events, ConsumerRecords<String, byte[]> records) {
            long backoff = 200;
            while (running) {
                try {
                    if (!events.isEmpty()) {
                        EventBatchWriter.Outcome outcome = writer.write(events);
                        registry.counter("meterline.ingest.stored").increment(outcome.stored());
                        registry.counter("meterline.ingest.duplicates").increment(outcome.received() - outcome.stored());
                        registry.counter("meterline.ingest.duplicates.conflicting").increment(outcome.conflicting());
                        if (outcome.conflicting() > 0) {
                            LOG.warnf("%d duplicate event ids arrived with another value or timestamp; the first was kept",
                                    outcome.conflicting());
                        }
                        registry.counter("meterline.assets.discovered").increment(outcome.newAssets().size());
                        metered.publish(outcome);
                    }
                    return true;
                } catch (Exception e) {
                    LOG.warnf("Could not store a batch of %d events, retrying in %d ms: %s", events.size(), backoff,
                            e.getMessage());
                    try {
                        Thread.sleep(backoff); // a retry back-off on the consumer's own thread, not a test wait
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                    backoff = Math.min(backoff * 2, 10_000);
                }
            }
            rewind(records);
            return false;
        }

        void rewind(ConsumerRecords<String, byte[]> records) {
            for (TopicPartition partition : records.partitions()) {
                consumer.seek(partition, records.records(partition).get(0).offset());
            }
        }

        void updateLag() {
            consumer.metrics().forEach((name, metric) -> {
                if ("records-lag-max".equals(name.name()) && metric.metricValue() instanceof Double d && !d.isNaN()) {
                    lag.set(d.longValue());
                }
            });
        }
    }
}
