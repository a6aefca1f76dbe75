package io.meterline.metering.ingest;

import java.sql.SQLException;
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
 * between redelivers the batch, and the dedup ledger keeps it from counting twice. Nothing the API accepted is
 * skipped: a record that cannot be read or stored is set aside on a dead-letter topic ({@link RawDeadLetters}) before
 * the offsets move past it, and readiness reports a consumer that cannot store ({@link UsageConsumerReadiness}).
 * A raw Kafka consumer, not a channel, on purpose: this is the measured ingest hot path (thousands of records per poll
 * into one JDBC transaction, offsets after it; docs/benchmarks.md, "One style for persistence and messaging").
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

    @Inject
    RawDeadLetters deadLetters;

    @Inject
    ConsumerStatus status;

    private volatile boolean running;
    private volatile CountDownLatch stopping = new CountDownLatch(1);
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
        stopping = new CountDownLatch(1);
        for (int i = 0; i < config.consumerThreads(); i++) {
            Worker worker = new Worker(i);
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
        stopping.countDown();
        workers.forEach(Worker::wakeup);
        for (Worker worker : workers) {
            try {
                worker.stopped.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.clear();
    }

    /** Waits {@code millis} unless stopping comes first; true if it did. */
    private boolean pause(long millis) {
        try {
            return stopping.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** A record and the event read from it; the record is what is set aside if the event cannot be stored. */
    private record Parsed(ConsumerRecord<String, byte[]> record, RawUsageEvent event) {
    }

    /**
     * One consumer of the group, on its own thread; Kafka gives each its share of the partitions. An unexpected error
     * does not end it: its consumer is closed (the batch in hand is redelivered), and it starts over after a back-off.
     */
    private final class Worker {
        final int index;
        final CountDownLatch stopped = new CountDownLatch(1);
        volatile KafkaConsumer<String, byte[]> consumer;
        Thread thread;

        Worker(int index) {
            this.index = index;
        }

        void wakeup() {
            KafkaConsumer<String, byte[]> current = consumer;
            if (current != null) {
                current.wakeup();
            }
        }

        void run() {
            String name = Thread.currentThread().getName();
            long backoff = 1_000;
            try {
                while (running) {
                    consumer = newConsumer(index);
                    try {
                        consume(name);
                    } catch (WakeupException e) {
                        // stop() woke us: leave the loop.
                    } catch (RuntimeException e) {
                        status.restarted(name, e);
                        LOG.errorf(e, "The usage consumer's %s failed unexpectedly; it starts over in %d ms and its "
                                + "uncommitted batch is redelivered", name, backoff);
                    } finally {
                        consumer.close(Duration.ofSeconds(10));
                    }
                    if (running && pause(backoff)) {
                        break;
                    }
                    backoff = Math.min(backoff * 2, 30_000);
                }
            } finally {
                stopped.countDown();
            }
        }

        private void consume(String name) {
            DistributionSummary batchSizes = registry.summary("meterline.ingest.consumer.batch.size");
            ObjectReader reader = json.readerFor(RawUsageEvent.class);
            Timer endToEnd = registry.timer("meterline.ingest.end.to.end");
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                updateLag();
                if (records.isEmpty()) {
                    continue;
                }
                long parseStarted = System.nanoTime();
                List<Parsed> events = new ArrayList<>(records.count());
                List<ConsumerRecord<String, byte[]>> unreadable = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> record : records) {
                    try {
                        byte[] value = record.value();
                        events.add(new Parsed(record, RawUsageEventCodec.isBinary(value)
                                ? RawUsageEventCodec.decode(value)
                                : reader.readValue(value))); // JSON, as written before the binary form
                    } catch (Exception e) {
                        registry.counter("meterline.ingest.unreadable").increment();
                        unreadable.add(record);
                    }
                }
                registry.timer("meterline.ingest.consumer.parse").record(System.nanoTime() - parseStarted,
                        TimeUnit.NANOSECONDS);
                if (!storeWithRetry(name, events, unreadable, records)) {
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
                for (Parsed p : events) {
                    if (p.event().ingestedAt() != null) {
                        endToEnd.record(Duration.between(p.event().ingestedAt(), now));
                    }
                }
            }
        }

        /**
         * Sets the unreadable records aside, then stores the batch, retrying with back-off while that fails for
         * reasons of the moment (the database or Kafka away); events the database refuses whatever the batch are set
         * aside ({@link PoisonEvents}). Returns false if stopping interrupted it; the consumer is then rewound to the
         * batch so that nothing in it is skipped.
         */
        boolean storeWithRetry(String name, List<Parsed> events, List<ConsumerRecord<String, byte[]>> unreadable,
                ConsumerRecords<String, byte[]> records) {
            long backoff = 200;
            List<ConsumerRecord<String, byte[]>> toSetAside = new ArrayList<>(unreadable);
            while (running) {
                try {
                    while (!toSetAside.isEmpty()) {
                        deadLetters.setAside(toSetAside.get(0), "unreadable: not a raw usage event this version reads");
                        toSetAside.remove(0);
                    }
                    for (PoisonEvents.Poison<Parsed> poison : PoisonEvents.storeAll(events, part -> {
                        if (!running) {
                            throw new SQLException("The consumer is stopping", "57P01"); // not the data's fault
                        }
                        store(part);
                    })) {
                        deadLetters.setAside(poison.item().record(), "cannot be stored: "
                                + poison.cause().getClass().getSimpleName() + ": " + poison.cause().getMessage());
                    }
                    status.stored(name);
                    return true;
                } catch (Exception e) {
                    status.failing(name, e);
                    LOG.warnf("Could not store a batch of %d events, retrying in %d ms: %s", events.size(), backoff,
                            e.getMessage());
                    if (pause(backoff)) {
                        break;
                    }
                    backoff = Math.min(backoff * 2, 10_000);
                }
            }
            rewind(records);
            return false;
        }

        /** Stores part of a batch in one transaction, then publishes it on meterline.usage.metered. */
        private void store(List<Parsed> part) throws SQLException {
            List<RawUsageEvent> events = new ArrayList<>(part.size());
            part.forEach(p -> events.add(p.event()));
            EventBatchWriter.Outcome outcome = writer.write(events);
            registry.counter("meterline.ingest.stored").increment(outcome.stored());
            registry.counter("meterline.ingest.duplicates").increment(outcome.received() - outcome.stored());
            registry.counter("meterline.ingest.duplicates.conflicting").increment(outcome.conflicting());
            if (outcome.conflicting() > 0) {
                LOG.warnf("%d duplicate event ids arrived with another value or timestamp; the first was kept",
                        outcome.conflicting());
            }
            registry.counter("meterline.assets.discovered").increment(outcome.newAssets().size());
            try {
                metered.publish(outcome);
            } catch (RuntimeException e) {
                // Stored is stored: the relay sends the batch once its grace has passed.
                LOG.warnf("Could not hand batch %s to meterline.usage.metered now; the relay sends it: %s",
                        outcome.batchId(), e.getMessage());
            }
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
