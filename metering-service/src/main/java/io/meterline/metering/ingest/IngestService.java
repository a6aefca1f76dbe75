package io.meterline.metering.ingest;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import io.meterline.metering.meters.MeterCatalog;
import io.meterline.metering.suppressions.SuppressionFilter;
import io.meterline.platform.audit.AuditLog;
import io.meterline.platform.problem.ProblemException;
import io.meterline.platform.security.Actor;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Validates a batch, drops what a suppression rule matches, and hands the rest to Kafka. Our JSON keeps a batch's
 * valid events when others are rejected; CloudEvents are taken whole or not at all, as OpenMeter takes them.
 */
@ApplicationScoped
public class IngestService {

    /** Which shape the batch is in. */
    public enum Shape {
        MeterlineJson, CloudEvents
    }

    @Inject
    IngestConfig config;

    @Inject
    MeterCatalog meters;

    @Inject
    SuppressionFilter suppressions;

    @Inject
    RawUsagePublisher publisher;

    @Inject
    MeterRegistry registry;

    @Inject
    AuditLog audit;

    @Inject
    Pool pool;

    @Inject
    Clock clock;

    public Uni<IngestResult> ingest(List<JsonNode> batch, Shape shape, boolean backfill, String customerScope,
            Actor actor) {
        EventValidator validator = new EventValidator(shape == Shape.CloudEvents ? meters::forEventType : meters::find,
                clock.instant(), config.lateWindow(),
                config.futureTolerance(), config.maxDimensionValue(), backfill, customerScope);
        List<RawUsageEvent> valid = new ArrayList<>(batch.size());
        List<IngestRejection> rejected = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            EventValidator.Outcome outcome = shape == Shape.CloudEvents ? validator.validateCloudEvent(i, batch.get(i))
                    : validator.validate(i, batch.get(i));
            if (outcome.rejection() != null) {
                rejected.add(outcome.rejection());
                registry.counter("meterline.ingest.rejected", "reason", outcome.rejection().code()).increment();
            } else {
                valid.add(outcome.event());
            }
        }
        if (shape == Shape.CloudEvents && !rejected.isEmpty()) {
            // Refused whole: its valid events are neither suppressed nor accepted, and a retry counts nothing twice.
            registry.counter("meterline.ingest.refused").increment(valid.size());
            throw CloudEventsRefusal.of(rejected, batch.size());
        }
        List<RawUsageEvent> accepted = new ArrayList<>(valid.size());
        int suppressed = 0;
        for (RawUsageEvent event : valid) {
            if (suppressions.drops(event)) {
                suppressed++;
            } else {
                accepted.add(event);
            }
        }
        registry.counter("meterline.ingest.accepted").increment(accepted.size());
        Uni<Void> published = accepted.isEmpty() ? Uni.createFrom().voidItem() : bounded(publisher.publish(accepted));
        if (backfill && !accepted.isEmpty()) {
            published = published.call(() -> pool.withTransaction(tx -> audit.record(tx, actor, "backfill",
                    "meter_event", UUID.randomUUID(), null, Map.of("events", accepted.size(),
                            "from", accepted.stream().map(RawUsageEvent::timestamp).min(Comparable::compareTo).get(),
                            "to", accepted.stream().map(RawUsageEvent::timestamp).max(Comparable::compareTo).get()))));
        }
        int suppressedCount = suppressed;
        return published.replaceWith(() -> new IngestResult(accepted.size(), rejected, suppressedCount));
    }

    /** Kafka's answer within the publish timeout, else a 503 the sender can retry (its ids make that safe). */
    private Uni<Void> bounded(Uni<Void> publishing) {
        return publishing.ifNoItem().after(config.publishTimeout()).fail()
                .onFailure().transform(failure -> {
                    registry.counter("meterline.ingest.unavailable").increment();
                    return ProblemException.unavailable("Kafka did not take this batch within "
                            + config.publishTimeout().toMillis() + " ms (" + failure.getClass().getSimpleName()
                            + "). Nothing is lost by sending the same events again with the same ids: they are "
                            + "stored once.", config.unavailableRetryAfter());
                });
    }
}
