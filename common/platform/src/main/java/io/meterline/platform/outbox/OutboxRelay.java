package io.meterline.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.meterline.platform.kafka.ReliableProducers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Publishes outbox rows to Kafka in CloudEvents binary mode (ce_* headers, JSON value), oldest first, then stamps
 * them published in the same database transaction that locked them. A crash after the send and before the commit
 * sends the event again: delivery is at least once, and consumers apply each event id once.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 200;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    MeterRegistry registry;

    @Inject
    OutboxConfig config;

    private ScheduledExecutorService scheduler;
    private KafkaProducer<String, byte[]> producer;
    private Counter published;

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        producer = ReliableProducers.create(kafkaConfig, config.source() + "-outbox-relay", 0);
        published = Counter.builder("meterline.outbox.published").description("Outbox events sent to Kafka")
                .register(registry);
        scheduler = ReliableProducers.relayThread("outbox-relay");
        long every = config.pollInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::relayAll, every, every,
                TimeUnit.MILLISECONDS);
    }

    /** Sends everything waiting, batch by batch. */
    void relayAll() {
        try {
            while (relayBatch() == BATCH) {
                // A full batch: more may be waiting.
            }
        } catch (Exception e) {
            LOG.warnf("Outbox relay failed, will retry: %s", e.getMessage());
        }
    }

    private int relayBatch() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            List<Long> ids = new ArrayList<>();
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT id, event_id, topic, record_key, event_type, "
                    + "subject, payload::text, created_at FROM outbox WHERE published_at IS NULL ORDER BY id "
                    + "LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                    ProducerRecord<String, byte[]> record = new ProducerRecord<>(rows.getString(3), rows.getString(4),
                            rows.getString(7).getBytes(StandardCharsets.UTF_8));
                    header(record, "ce_specversion", "1.0");
                    header(record, "ce_id", rows.getString(2));
                    header(record, "ce_source", "/meterline/" + config.source());
                    header(record, "ce_type", rows.getString(5));
                    header(record, "ce_time", rows.getObject(8, java.time.OffsetDateTime.class)
                            .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
                    if (rows.getString(6) != null) {
                        header(record, "ce_subject", rows.getString(6));
                    }
                    header(record, "content-type", "application/json");
                    sends.add(producer.send(record));
                }
            }
            if (ids.isEmpty()) {
                c.rollback();
                return 0;
            }
            for (Future<RecordMetadata> send : sends) {
                send.get(30, TimeUnit.SECONDS);
            }
            try (PreparedStatement mark = c.prepareStatement(
                    "UPDATE outbox SET published_at = now() WHERE id = ANY (?)")) {
                mark.setArray(1, c.createArrayOf("bigint", ids.toArray()));
                mark.executeUpdate();
            }
            c.commit();
            published.increment(ids.size());
            return ids.size();
        } catch (SQLException e) {
            throw new IllegalStateException("Outbox relay database error: " + e.getMessage(), e);
        }
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }

    @PreDestroy
    void stop() {
        if (scheduler != null) {
            scheduler.shutdown();
            try {
                scheduler.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
