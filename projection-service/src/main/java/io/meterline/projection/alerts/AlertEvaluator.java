package io.meterline.projection.alerts;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.meterline.contracts.Topics;
import io.meterline.contracts.projection.AlertStateChanged;
import io.meterline.contracts.projection.ProjectionEvents;
import io.meterline.platform.outbox.Outbox;
import io.meterline.projection.ProjectionConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Evaluates every enabled rule against the latest projections on a schedule. A state change is stored with its
 * history row and announced on {@code meterline.projection.alerts} through the outbox, in one transaction; the one
 * notification per period and scope also queues a webhook delivery when the rule has a webhook.
 */
@ApplicationScoped
public class AlertEvaluator {

    @Inject
    AlertFactsReader facts;

    @Inject
    Outbox outbox;

    @Inject
    ObjectMapper json;

    @Inject
    ProjectionConfig config;

    @Inject
    Clock clock;

    @Scheduled(every = "${meterline.projection.alerts.evaluate-every:PT5S}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return evaluate().replaceWithVoid();
    }

    /** Evaluates every enabled rule once; returns how many states changed. */
    public Uni<Integer> evaluate() {
        return Panache.withSession(() -> AlertRule.<AlertRule> list("enabled", true)).chain(rules -> {
            if (rules.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            boolean anomaly = rules.stream().anyMatch(r -> r.kind == AlertKind.COST_PER_UNIT_ANOMALY);
            // Bounded inside the transaction, so an evaluation that never ends rolls back and frees its connection
            // (an open transaction stops vacuum in the whole database); the next tick starts over.
            Duration bound = config.alerts().evaluateTimeout();
            return facts.read(anomaly).chain(f -> Panache.withTransaction(() -> apply(rules, f).ifNoItem()
                    .after(bound).failWith(() -> new IllegalStateException(
                            "Alert evaluation did not finish within " + bound + "; rolled back"))));
        });
    }

    private Uni<Integer> apply(List<AlertRule> rules, AlertFacts facts) {
        Instant now = clock.instant();
        List<UUID> ids = rules.stream().map(r -> r.id).toList();
        return AlertStateRecord.<AlertStateRecord> list("ruleId in ?1", ids).chain(existing -> {
            Map<AlertStateRecord.Key, AlertStateRecord> states = new HashMap<>();
            existing.forEach(s -> states.put(new AlertStateRecord.Key(s.ruleId, s.scope), s));
            Map<AlertStateRecord, Change> changes = new LinkedHashMap<>();
            for (AlertRule rule : rules) {
                BigDecimal band = rule.threshold.abs().multiply(config.alerts().hysteresis());
                for (AlertValues.Value v : AlertValues.of(rule, facts)) {
                    AlertStateRecord record = states.get(new AlertStateRecord.Key(rule.id, v.scope()));
                    AlertStateMachine.Evaluation e = AlertStateMachine.evaluate(record == null ? null
                            : record.state(), rule.kind.firesAbove(), v.value(), rule.threshold, rule.warningAt, band,
                            v.periodStart(), now);
                    boolean isNew = record == null;
                    if (!isNew && !e.changed() && !e.shouldNotify()) {
                        continue;
                    }
                    AlertStatus previous = isNew ? null : record.status;
                    if (isNew) {
                        record = new AlertStateRecord();
                        record.ruleId = rule.id;
                        record.scope = v.scope();
                    }
                    record.clientId = v.client();
                    record.status = e.next().status();
                    record.since = e.next().since();
                    record.notifiedPeriod = e.next().notifiedPeriod();
                    record.periodStart = v.periodStart();
                    record.value = v.value();
                    record.evaluatedAt = now;
                    changes.put(record, new Change(rule, previous, e, v, isNew));
                }
            }
            // One after another, never one Uni nested in the next: a rule over tens of thousands of lines made a
            // chain so deep that it never completed and held its transaction open (AlertScaleTest).
            return Multi.createFrom().iterable(changes.entrySet())
                    .onItem().transformToUniAndConcatenate(entry -> store(entry.getKey(), entry.getValue(), now))
                    .collect().last().replaceWith(changes.size());
        });
    }

    private record Change(AlertRule rule, AlertStatus previous, AlertStateMachine.Evaluation evaluation,
            AlertValues.Value value, boolean isNew) {
    }

    private Uni<Void> store(AlertStateRecord record, Change c, Instant now) {
        Uni<Void> saved = record.<AlertStateRecord> persist().replaceWithVoid();
        if (!c.evaluation().changed() && !c.evaluation().shouldNotify()) {
            return saved; // a first evaluation that found it OK: state only
        }
        AlertRule rule = c.rule();
        boolean notified = c.evaluation().shouldNotify();
        AlertHistoryEntry history = new AlertHistoryEntry();
        history.id = UUID.randomUUID();
        history.ruleId = rule.id;
        history.scope = record.scope;
        history.fromStatus = c.previous();
        history.toStatus = record.status;
        history.value = record.value;
        history.threshold = rule.threshold;
        history.notified = notified;
        history.at = now;
        AlertStateChanged event = new AlertStateChanged(AlertStateChanged.SCHEMA_VERSION, rule.id, rule.name,
                rule.kind.name(), record.scope, record.clientId, c.previous() == null ? null : c.previous().name(),
                record.status.name(), record.value, rule.threshold, record.periodStart, notified, now);
        return saved.chain(() -> history.persist()).chain(() -> Panache.getSession())
                .chain(session -> outbox.add(session, Topics.PROJECTION_ALERTS,
                        ProjectionEvents.alertKey(rule.id, record.scope), ProjectionEvents.ALERT_STATE_CHANGED,
                        record.scope, event))
                .chain(eventId -> notified && rule.webhookUrl != null ? delivery(rule, eventId, event, now)
                        : Uni.createFrom().voidItem());
    }

    /** A webhook delivery, due now; its id is the Standard Webhooks message id, the same on every retry. */
    private Uni<Void> delivery(AlertRule rule, UUID eventId, AlertStateChanged event, Instant now) {
        WebhookDelivery d = new WebhookDelivery();
        d.id = eventId;
        d.ruleId = rule.id;
        d.url = rule.webhookUrl;
        d.payload = payload(event);
        d.status = WebhookDelivery.Status.PENDING;
        d.attempts = 0;
        d.nextAttemptAt = now;
        d.createdAt = now;
        return d.persist().replaceWithVoid();
    }

    /** The webhook body: Standard Webhooks' suggested envelope of type, timestamp and data. */
    private String payload(AlertStateChanged event) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "alert." + event.status().toLowerCase(java.util.Locale.ROOT));
        body.put("timestamp", event.at());
        body.put("data", event);
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
