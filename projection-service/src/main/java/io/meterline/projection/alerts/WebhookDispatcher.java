package io.meterline.projection.alerts;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.meterline.projection.ProjectionConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Sends due webhook deliveries, signed per Standard Webhooks (the delivery id is the {@code webhook-id}, the same on
 * every retry, so a receiver can drop duplicates). A 2xx answer delivers it; anything else, or no answer, is retried
 * on {@link DeliveryBackoff}'s schedule (over three days) and then marked FAILED. Every attempt is logged.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    private static final int BATCH = 20;

    @Inject
    ProjectionConfig config;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Scheduled(every = "${meterline.projection.alerts.deliver-every:PT1S}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return deliverDue().replaceWithVoid();
    }

    /** Attempts every delivery due now (a batch at a time); returns how many were attempted. */
    public Uni<Integer> deliverDue() {
        Instant now = clock.instant();
        return Panache.withSession(() -> WebhookDelivery.<WebhookDelivery> find(
                "status = ?1 and nextAttemptAt <= ?2", Sort.by("nextAttemptAt"), WebhookDelivery.Status.PENDING, now)
                .page(0, BATCH).list()
                .chain(due -> due.isEmpty() ? Uni.createFrom().item(List.<Due>of())
                        : AlertRule.<AlertRule> list("id in ?1", due.stream().map(d -> d.ruleId).distinct().toList())
                                .map(rules -> due.stream().map(d -> new Due(d, rules.stream()
                                        .filter(r -> r.id.equals(d.ruleId)).findFirst().orElse(null))).toList())))
                .chain(due -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Due d : due) {
                        chain = chain.chain(() -> attempt(d));
                    }
                    return chain.replaceWith(due.size());
                });
    }

    private record Due(WebhookDelivery delivery, AlertRule rule) {
    }

    private record Outcome(Integer statusCode, String error, long millis) {
    }

    private Uni<Void> attempt(Due due) {
        // The answer arrives on the HTTP client's thread; the database work must go back to this Vert.x context.
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        WebhookDelivery d = due.delivery();
        Instant started = clock.instant();
        Uni<Outcome> sent = due.rule() == null || due.rule().webhookSecret == null
                ? Uni.createFrom().item(new Outcome(null, "the rule or its webhook is gone", 0))
                : send(d, due.rule().webhookSecret, started);
        return sent.emitOn(task -> context.runOnContext(ignored -> task.run()))
                .chain(outcome -> Panache.withTransaction(() -> WebhookDelivery.<WebhookDelivery> findById(d.id)
                .chain(current -> record(current, outcome, started))));
    }

    private Uni<Outcome> send(WebhookDelivery d, String secret, Instant at) {
        Map<String, String> headers = WebhookSigner.headers(secret, d.id.toString(), at, d.payload);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(d.url))
                .timeout(config.alerts().webhookTimeout()).header("Content-Type", "application/json")
                .header("User-Agent", "Meterline-Webhooks/1")
                .POST(HttpRequest.BodyPublishers.ofString(d.payload, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        long start = System.nanoTime();
        return Uni.createFrom().completionStage(() -> http.sendAsync(request.build(),
                HttpResponse.BodyHandlers.discarding()))
                .map(response -> new Outcome(response.statusCode(), null, (System.nanoTime() - start) / 1_000_000))
                .onFailure().recoverWithItem(e -> new Outcome(null, e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()), (System.nanoTime() - start) / 1_000_000));
    }

    /** The schedule's delay, scaled so that its first retry is the configured one. */
    private Duration scaled(Duration delay) {
        return delay.multipliedBy(config.alerts().firstRetry().toMillis()).dividedBy(Duration.ofSeconds(30)
                .toMillis());
    }

    private Uni<Void> record(WebhookDelivery d, Outcome outcome, Instant at) {
        WebhookAttempt attempt = new WebhookAttempt();
        attempt.deliveryId = d.id;
        attempt.attempt = d.attempts + 1;
        attempt.at = at;
        attempt.statusCode = outcome.statusCode();
        attempt.error = outcome.error() == null ? null
                : outcome.error().substring(0, Math.min(500, outcome.error().length()));
        attempt.durationMs = outcome.millis();
        d.attempts = attempt.attempt;
        boolean ok = outcome.statusCode() != null && outcome.statusCode() >= 200 && outcome.statusCode() < 300;
        if (ok) {
            d.status = WebhookDelivery.Status.DELIVERED;
            d.deliveredAt = at;
            d.nextAttemptAt = null;
        } else {
            java.util.Optional<Duration> delay = DeliveryBackoff.delayBeforeAttempt(d.attempts + 1)
                    .map(this::scaled);
            d.status = delay.isPresent() ? WebhookDelivery.Status.PENDING : WebhookDelivery.Status.FAILED;
            d.nextAttemptAt = delay.map(at::plus).orElse(null);
            LOG.debugf("Webhook delivery %s attempt %d failed (%s); next %s", d.id, d.attempts,
                    outcome.statusCode() != null ? "HTTP " + outcome.statusCode() : outcome.error(), d.nextAttemptAt);
        }
        registry.counter("meterline.projection.webhook.attempts", "outcome", ok ? "delivered" : "failed").increment();
        return attempt.persist().chain(() -> d.persist()).replaceWithVoid();
    }
}
