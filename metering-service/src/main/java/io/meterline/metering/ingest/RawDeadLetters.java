package io.meterline.metering.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Sets aside, on {@code meterline.usage.raw.metering-dlq}, the raw records the consumer cannot store: one it cannot
 * read, or one event the database refuses however it is batched ({@link PoisonEvents}). The API already answered 202
 * for them, so they are kept as they were sent, with the reason and where they came from in headers, for an operator
 * to inspect and replay; they are counted, and readiness reports them ({@link UsageConsumerReadiness}).
 */
@ApplicationScoped
public class RawDeadLetters {

    static final String TOPIC = "meterline.usage.raw.metering-dlq";
    private static final Logger LOG = Logger.getLogger(RawDeadLetters.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    @Inject
    @Channel("usage-raw-dead-letters")
    MutinyEmitter<byte[]> topic;

    @Inject
    MeterRegistry registry;

    @Inject
    Clock clock;

    private final Deque<Instant> recent = new ConcurrentLinkedDeque<>();

    /**
     * Sends the record and waits for Kafka to have it: its batch's offsets are committed only after this returns, so
     * a record is never both skipped and not kept. Throws when Kafka does not take it; the batch is then retried.
     */
    void setAside(ConsumerRecord<String, byte[]> record, String reason) {
        LOG.errorf("Setting aside the record at %s-%d offset %d on %s: %s", record.topic(), record.partition(),
                record.offset(), TOPIC, reason);
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add("dead-letter-reason", reason.getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-partition", Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-offset", Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        byte[] value = record.value() == null ? new byte[0] : record.value();
        topic.sendMessage(Message.of(value).addMetadata(OutgoingKafkaRecordMetadata.<String> builder()
                .withKey(record.key()).withHeaders(headers).build())).await().atMost(SEND_TIMEOUT);
        registry.counter("meterline.ingest.dead.lettered").increment();
        recent.addLast(clock.instant());
    }

    /** How many records were set aside since {@code since} (older ones are forgotten). */
    int since(Instant since) {
        while (!recent.isEmpty() && recent.peekFirst().isBefore(since)) {
            recent.pollFirst();
        }
        return recent.size();
    }
}
