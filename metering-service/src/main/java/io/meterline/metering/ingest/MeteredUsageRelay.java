package io.meterline.metering.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.meterline.contracts.Topics;
import io.meterline.contracts.usage.MeteredUsageEvent;
import io.meterline.metering.ingest.BatchPlan.Planned;
import io.meterline.platform.kafka.ReliableProducers;
import io.meterline.platform.messaging.CloudEventEnvelope;
import io.meterline.platform.messaging.RelayLoop;
import io.meterline.platform.outbox.OutboxConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Publishes stored events on {@code meterline.usage.metered}. The writer queues each stored batch in
 * {@code metered_batch} in the batch's own transaction (an outbox of one row per batch, not per event). Two routes
 * empty it:
 * <ul>
 * <li>right after the commit, the consumer hands the batch it still holds to {@link #publish}; once Kafka has every
 * record, the batch is marked published (in bulk, on this relay's thread), with no read back from the database;</li>
 * <li>a batch still unpublished after {@code meterline.ingest.metered-grace} (the service stopped, or Kafka refused)
 * is read back from {@code meter_event} and sent from there, each event with the client it resolves to then.</li>
 * </ul>
 * At least once: projections apply each (identityScope, id) once.
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

    @Inject
    OutboxConfig service;

    private RelayLoop loop;
    private KafkaProducer<String, byte[]> producer;
    private String source;
    private final ConcurrentLinkedQueue<UUID> published = new ConcurrentLinkedQueue<>();

    void start(@Observes StartupEvent event) {
        if (!config.consumerEnabled()) {
            return;
        }
        Map<String, Object> producerConfig = new HashMap<>(kafkaConfig);
        // Whole consumed batches go out at once: large producer batches keep the broker's work per event small.
        producerConfig.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        producer = ReliableProducers.create(producerConfig, "metering-metered-relay", 10);
        source = CloudEventEnvelope.source(service.source());
        loop = RelayLoop.start("metered usage relay", Duration.ofMillis(200), this::relayAll);
    }

    /** The fast route: sends a batch just committed, from memory. Failures leave it to the recovery route. */
    public void publish(EventBatchWriter.Outcome outcome) {
        if (producer == null || outcome.batchId() == null) {
            return;
        }
        AtomicInteger outstanding = new AtomicInteger(outcome.storedEvents().size());
        AtomicReference<Exception> failure = new AtomicReference<>();
        Callback done = (metadata, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
            if (outstanding.decrementAndGet() == 0) {
                if (failure.get() == null) {
                    published.add(outcome.batchId());
                    registry.counter("meterline.usage.metered.published").increment(outcome.storedEvents().size());
                } else {
                    LOG.warnf("Batch %s was not fully published (%s); the relay sends it again after %s",
                            outcome.batchId(), failure.get().getMessage(), config.meteredGrace());
                }
            }
        };
        try {
            List<MeteredUsageEvent> events = new ArrayList<>(outcome.storedEvents().size());
            for (Planned p : outcome.storedEvents()) {
                RawUsageEvent e = p.event();
                events.add(new MeteredUsageEvent(MeteredUsageEvent.SCHEMA_VERSION, e.id(), p.scope(), e.meter(),
                        outcome.clientOf(e), e.customer(), e.asset(), e.source(), e.timestamp(),
                        e.value().stripTrailingZeros(), e.dimensions() == null ? Map.of() : e.dimensions(),
                        outcome.storedAt()));
            }
            List<byte[]> payloads = serializeAll(events);
            for (int i = 0; i < events.size(); i++) {
                producer.send(record(events.get(i), payloads.get(i)), done);
            }
        } catch (RuntimeException | IOException e) {
            LOG.warnf("Could not hand batch %s to Kafka (%s); the relay sends it again after %s", outcome.batchId(),
                    e.getMessage(), config.meteredGrace());
        }
    }

    void relayAll() throws Exception {
        markPublished();
        while (relayOne()) {
            // more batches may be waiting
        }
    }

    private void markPublished() throws Exception {
        List<UUID> batches = new ArrayList<>();
        for (UUID id = published.poll(); id != null; id = published.poll()) {
            batches.add(id);
        }
        if (batches.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE metered_batch SET published_at = now() "
                        + "WHERE batch_id = ANY (?) AND published_at IS NULL")) {
            c.setAutoCommit(true);
            Array ids = c.createArrayOf("uuid", batches.toArray());
            s.setArray(1, ids);
            s.executeUpdate();
        } catch (Exception e) {
            published.addAll(batches); // try again next round
            throw e;
        }
    }

    /** The recovery route: one batch that the fast route did not finish within the grace, read back and sent. */
    private boolean relayOne() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            UUID batch;
            try (PreparedStatement s = c.prepareStatement("SELECT batch_id FROM metered_batch WHERE published_at IS NULL "
                    + "AND created_at < now() - make_interval(secs => ?) ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED")) {
                s.setDouble(1, config.meteredGrace().toMillis() / 1000.0);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        c.rollback();
                        return false;
                    }
                    batch = rs.getObject(1, UUID.class);
                }
            }
            List<MeteredUsageEvent> events = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT e.scope, e.event_id, e.meter, coalesce(e.customer, a.client), "
                    + "e.customer, e.asset, e.source, e.event_time, e.value, e.dims_key, e.stored_at "
                    + "FROM meter_event e LEFT JOIN asset a ON a.id = e.asset WHERE e.batch_id = ?")) {
                s.setObject(1, batch);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        events.add(new MeteredUsageEvent(MeteredUsageEvent.SCHEMA_VERSION, rs.getString(2),
                                rs.getString(1), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                                rs.getString(7), instant(rs, 8), rs.getBigDecimal(9).stripTrailingZeros(),
                                json.readValue(rs.getString(10), DIMENSIONS), instant(rs, 11)));
                    }
                }
            }
            List<byte[]> payloads = serializeAll(events);
            List<Future<RecordMetadata>> sends = new ArrayList<>(events.size());
            for (int i = 0; i < events.size(); i++) {
                sends.add(producer.send(record(events.get(i), payloads.get(i))));
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
            registry.counter("meterline.usage.metered.recovered").increment(sends.size());
            return true;
        }
    }

    /**
     * Each event's JSON, written through one generator for the whole batch: setting a generator up per event cost
     * more than writing the event.
     */
    private List<byte[]> serializeAll(List<MeteredUsageEvent> events) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(events.size() * 320);
        int[] ends = new int[events.size()];
        try (JsonGenerator generator = json.getFactory().createGenerator(out)) {
            generator.setRootValueSeparator(null);
            for (int i = 0; i < events.size(); i++) {
                json.writeValue(generator, events.get(i));
                generator.flush();
                ends[i] = out.size();
            }
        }
        byte[] all = out.toByteArray();
        List<byte[]> payloads = new ArrayList<>(events.size());
        for (int i = 0, start = 0; i < ends.length; start = ends[i], i++) {
            payloads.add(Arrays.copyOfRange(all, start, ends[i]));
        }
        return payloads;
    }

    /** Keyed by client (or scope, until the event has one), so one client's usage stays in order. */
    private ProducerRecord<String, byte[]> record(MeteredUsageEvent metered, byte[] payload) {
        CloudEventEnvelope envelope = new CloudEventEnvelope(metered.identityScope() + "/" + metered.id(), source,
                MeteredUsageEvent.TYPE, metered.client(), metered.storedAt());
        return new ProducerRecord<>(Topics.USAGE_METERED, null,
                metered.client() != null ? metered.client() : metered.identityScope(), payload, envelope.headers());
    }

    private static Instant instant(ResultSet rs, int column) throws java.sql.SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    @PreDestroy
    void stop() {
        if (loop != null) {
            loop.close();
            producer.close(Duration.ofSeconds(5));
            try {
                markPublished(); // what Kafka acknowledged while closing need not be sent again
            } catch (Exception e) {
                LOG.debugf("Could not mark the last batches published: %s", e.getMessage());
            }
        }
    }
}
