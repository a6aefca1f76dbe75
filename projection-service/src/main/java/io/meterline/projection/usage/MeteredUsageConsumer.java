package io.meterline.projection.usage;

import static io.meterline.platform.messaging.CloudEventRecords.payload;
import static io.meterline.platform.messaging.CloudEventRecords.requireVersion;
import static io.meterline.platform.messaging.CloudEventRecords.where;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.meterline.contracts.usage.MeteredUsageEvent;
import io.meterline.projection.ProjectionConfig;
import io.meterline.projection.health.DeadLetters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Follows {@code meterline.usage.metered} in batches (one poll, one transaction), at least once: the offsets commit
 * after the batch's transaction, and {@link UsageWriter} applies each event identity once. A record that cannot be
 * read is counted, logged with its offset and set aside on the dead-letter topic; the rest of its batch applies.
 */
@ApplicationScoped
public class MeteredUsageConsumer {

    static final String CHANNEL = "usage";

    @Inject
    ObjectMapper json;

    @Inject
    UsageWriter writer;

    @Inject
    DeadLetters deadLetters;

    @Inject
    ProjectionConfig config;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    @Inject
    io.meterline.projection.projections.Recomputer recomputer;

    @Inject
    @Channel("usage-dead-letters")
    MutinyEmitter<String> deadLetterTopic;

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        List<MeteredUsageEvent> events = new ArrayList<>(records.count());
        List<Uni<Void>> setAside = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                events.add(read(record));
            } catch (IllegalArgumentException e) {
                deadLetters.record(CHANNEL, record, e.getMessage());
                setAside.add(deadLetterTopic.sendMessage(deadLetter(record, e.getMessage())));
            }
        }
        Uni<Void> dead = setAside.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(setAside).andFailFast().replaceWithVoid();
        // Freshness: the batch's clients are recomputed as soon as it commits (marks made during a pass wait for it).
        Timer.Sample applying = Timer.start(registry);
        return dead.chain(() -> writer.apply(events)).invoke(() -> {
            applying.stop(registry.timer("meterline.projection.usage.apply"));
            registry.summary("meterline.projection.usage.batch.size").record(events.size());
            recomputer.nudge();
            Instant applied = clock.instant();
            Timer lag = lag();
            events.forEach(e -> {
                if (e.storedAt() != null) {
                    lag.record(Duration.between(e.storedAt(), applied));
                }
            });
        });
    }

    /** How long usage takes from metering's store to this service's totals (the first part of freshness). */
    private Timer lag() {
        return Timer.builder("meterline.projection.usage.lag").publishPercentiles(0.5, 0.99)
                .description("From an event stored by metering until it is in projection's usage totals")
                .register(registry);
    }

    private MeteredUsageEvent read(ConsumerRecord<String, String> record) {
        MeteredUsageEvent e = payload(json, record, MeteredUsageEvent.class);
        requireVersion(record, "MeteredUsageEvent", e.v(), MeteredUsageEvent.SCHEMA_VERSION);
        if (e.id() == null || e.id().isBlank() || e.identityScope() == null || e.meter() == null
                || e.timestamp() == null || e.value() == null) {
            throw new IllegalArgumentException(where(record) + ": a metered event needs id, identityScope, meter, "
                    + "timestamp and value");
        }
        return e;
    }

    private static Message<String> deadLetter(ConsumerRecord<String, String> record, String reason) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add("dead-letter-reason", reason.getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-partition", Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-offset", Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        return Message.of(record.value() == null ? "" : record.value()).addMetadata(OutgoingKafkaRecordMetadata
                .<String> builder().withKey(record.key()).withHeaders(headers).build());
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetOldIdentities() {
        return writer.forgetSeenBefore(clock.instant().minus(config.usage().seenRetention())).replaceWithVoid();
    }
}
