package io.meterline.metering.ingest;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.meterline.contracts.Topics;
import io.meterline.contracts.usage.MeteredUsageEvent;
import io.meterline.platform.kafka.ReliableProducers;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Publishes stored events on {@code meterline.usage.metered}, batch by batch: the writer queues each stored batch in
 * {@code metered_batch} in its own transaction (an outbox of one row per batch, not per event), and this relay sends
 * the batch's events, each with the client it resolves to now, then marks the batch published. At least once:
 * projections apply each (identityScope, id) once.
 */
@ApplicationScoped
public class MeteredUsageRelay {

    private static final Logger LOG = Logger.getLogger(MeteredUsageRelay.class);
    private static final TypeReference<Map<String, String>> DIMENSIONS = new TypeReference<>() {
    };

    @Inject
    AgroalDataSource dataSource;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    IngestConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry registry;

    private ScheduledExecutorService scheduler;
    private KafkaProducer<String, byte[]> producer;

    void start(@Observes StartupEvent event) {
        if (!config.consumerEnabled()) {
            return;
        }
        producer = ReliableProducers.create(kafkaConfig, "metering-metered-relay", 5);
        scheduler = ReliableProducers.relayThread("metered-usage-relay");
        scheduler.scheduleWithFixedDelay(this::relayAll, 200, 200, TimeUnit.MILLISECONDS);
    }

    void relayAll() {
        try {
            while (relayOne()) {
                // more batches may be waiting
            }
        } catch (Exception e) {
            LOG.warnf("Metered usage relay failed, will retry: %s", e.getMessage());
        }
    }

    private boolean relayOne() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            UUID batch;
            try (PreparedStatement s = c.prepareStatement("SELECT batch_id FROM metered_batch WHERE published_at IS NULL "
                    + "ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED"); ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    c.rollback();
                    return false;
                }
                batch = rs.getObject(1, UUID.class);
            }
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT e.scope, e.event_id, e.meter, coalesce(e.customer, a.client), "
                    + "e.customer, e.asset, e.source, e.event_time, e.value, e.dimensions::text, e.stored_at "
                    + "FROM meter_event e LEFT JOIN asset a ON a.id = e.asset WHERE e.batch_id = ?")) {
                s.setObject(1, batch);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        MeteredUsageEvent metered = new MeteredUsageEvent(MeteredUsageEvent.SCHEMA_VERSION,
                                rs.getString(2), rs.getString(1), rs.getString(3), rs.getString(4), rs.getString(5),
                                rs.getString(6), rs.getString(7), rs.getObject(8, java.time.OffsetDateTime.class).toInstant(),
                                rs.getBigDecimal(9).stripTrailingZeros(), json.readValue(rs.getString(10), DIMENSIONS),
                                rs.getObject(11, java.time.OffsetDateTime.class).toInstant());
                        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.USAGE_METERED,
                                metered.client() != null ? metered.client() : metered.identityScope(),
                                json.writeValueAsBytes(metered));
                        record.headers().add(new RecordHeader("ce_type",
                                "io.meterline.metering.usage-metered.v1".getBytes(StandardCharsets.UTF_8)));
                        record.headers().add(new RecordHeader("ce_id", (metered.identityScope() + "/" + metered.id())
                                .getBytes(StandardCharsets.UTF_8)));
                        sends.add(producer.send(record));
                    }
                }
            }
            for (Future<RecordMetadata> send : sends) {
                send.get(30, TimeUnit.SECONDS);
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE metered_batch SET published_at = now() WHERE batch_id = ?")) {
                s.setObject(1, batch);
                s.executeUpdate();
            }
            c.commit();
            registry.counter("meterline.usage.metered.published").increment(sends.size());
            return true;
        }
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
            producer.close(Duration.ofSeconds(5));
        }
    }
}
