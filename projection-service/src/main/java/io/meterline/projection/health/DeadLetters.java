package io.meterline.projection.health;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import io.meterline.projection.ProjectionConfig;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Records that a consumed record could not be applied and goes to its channel's dead-letter topic: counted
 * ({@code meterline.projection.dead.letters}, by channel), logged with its topic, partition and offset, and remembered
 * for a window, which {@link DeadLetterReadiness} reads.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    @Inject
    ProjectionConfig config;

    @Inject
    MeterRegistry registry;

    @Inject
    Clock clock;

    private final Deque<Instant> recent = new ArrayDeque<>();

    public void record(String channel, ConsumerRecord<?, ?> record, String reason) {
        registry.counter("meterline.projection.dead.letters", "channel", channel).increment();
        LOG.warnf("Skipping %s/%d@%d onto the dead-letter topic of channel %s: %s", record.topic(),
                record.partition(), record.offset(), channel, reason);
        synchronized (recent) {
            recent.addLast(clock.instant());
            prune();
        }
    }

    public int inWindow() {
        synchronized (recent) {
            prune();
            return recent.size();
        }
    }

    private void prune() {
        Instant cutoff = clock.instant().minus(config.deadLetters().window());
        while (!recent.isEmpty() && recent.peekFirst().isBefore(cutoff)) {
            recent.removeFirst();
        }
    }
}
