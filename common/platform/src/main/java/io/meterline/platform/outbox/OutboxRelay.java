package io.meterline.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.agroal.api.AgroalDataSource;
import io.meterline.platform.messaging.CloudEventEnvelope;
import io.meterline.platform.messaging.RelayLoop;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Publishes outbox rows through the {@value #CHANNEL} channel (SmallRye's Kafka connector: idempotent, acks=all), each
 * to the topic its row names, in the {@link CloudEventEnvelope}; oldest first. The rows of a pass are locked, sent, and
 * stamped published in that same database transaction once Kafka acknowledged them all. A crash after the send and
 * before the commit sends them again: delivery is at least once, and consumers apply each event id once.
 */
@ApplicationScoped
public class OutboxRelay {

    /** The outgoing channel; its connector settings are common/platform's defaults ({@code mp.messaging.outgoing.outbox.*}). */
    public static final String CHANNEL = "outbox";

    private static final int BATCH = 200;
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    @Channel(CHANNEL)
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 2 * BATCH)
    MutinyEmitter<byte[]> kafka;

    @Inject
    MeterRegistry registry;

    @Inject
    OutboxConfig config;

    private RelayLoop loop;
    private Counter published;
    private String source;

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        source = CloudEventEnvelope.source(config.source());
        published = Counter.builder("meterline.outbox.published").description("Outbox events sent to Kafka")
                .register(registry);
        loop = RelayLoop.start("outbox relay", config.pollInterval(), this::relayAll);
    }

    /** Sends everything waiting, batch by batch. */
    void relayAll() throws SQLException {
        while (relayBatch() == BATCH) {
            // A full batch: more may be waiting.
        }
    }

    private int relayBatch() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            List<Long> ids = new ArrayList<>();
            List<Uni<Void>> sends = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT id, event_id, topic, record_key, event_type, "
                    + "subject, payload::text, created_at FROM outbox WHERE published_at IS NULL ORDER BY id "
                    + "LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                    CloudEventEnvelope envelope = new CloudEventEnvelope(rows.getString(2),
                            source, rows.getString(5), rows.getString(6),
                            rows.getObject(8, OffsetDateTime.class).toInstant());
                    OutgoingKafkaRecordMetadata<String> where = OutgoingKafkaRecordMetadata.<String> builder()
                            .withTopic(rows.getString(3)).withKey(rows.getString(4))
                            .withHeaders(envelope.headers()).build();
                    sends.add(kafka.sendMessage(Message.of(rows.getString(7).getBytes(StandardCharsets.UTF_8))
                            .addMetadata(where)));
                }
            }
            if (ids.isEmpty()) {
                c.rollback();
                return 0;
            }
            Uni.join().all(sends).andFailFast().await().atMost(ACK_TIMEOUT);
            try (PreparedStatement mark = c.prepareStatement(
                    "UPDATE outbox SET published_at = now() WHERE id = ANY (?)")) {
                mark.setArray(1, c.createArrayOf("bigint", ids.toArray()));
                mark.executeUpdate();
            }
            c.commit();
            published.increment(ids.size());
            return ids.size();
        }
    }

    @PreDestroy
    void stop() {
        if (loop != null) {
            loop.close();
        }
    }
}
