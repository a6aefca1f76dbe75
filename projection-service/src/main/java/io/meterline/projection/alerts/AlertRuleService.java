package io.meterline.projection.alerts;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.meterline.contracts.billing.BucketChanged;
import io.meterline.contracts.billing.ClientChanged;
import io.meterline.platform.audit.ChangeRecorder;
import io.meterline.platform.paging.Page;
import io.meterline.platform.paging.PageRequest;
import io.meterline.platform.paging.PanachePages;
import io.meterline.platform.paging.SortOrder;
import io.meterline.platform.problem.ProblemException;
import io.meterline.platform.security.Actor;
import io.meterline.projection.state.ReplicaKind;
import io.meterline.projection.state.Replicas;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Alert rules: created, listed, replaced, enabled or disabled, deleted; each change audited in its transaction. */
@ApplicationScoped
public class AlertRuleService {

    static final String TABLE = "alert_rule";
    /** An instance field: a static one would be frozen into a native image at build time. */
    private final SecureRandom random = new SecureRandom();

    /** The fields of {@code ?sort=} on the rule list: the entity's properties of the same names. */
    public static final Set<String> SORTABLE = Set.of("name", "kind", "threshold", "warningAt", "enabled",
            "createdAt", "updatedAt");

    /** Oldest first, as the list always was. */
    public static final String DEFAULT_SORT = "createdAt";

    @Inject
    ChangeRecorder changes;

    @Inject
    Replicas replicas;

    @Inject
    Clock clock;

    @WithTransaction
    public Uni<AlertRuleView> create(AlertRuleRequest request, Actor actor) {
        request.validate();
        AlertRuleRequest.Scope scope = request.scopeOrAll();
        return requireScope(scope).chain(() -> {
            Instant now = clock.instant();
            AlertRule rule = new AlertRule();
            rule.id = UUID.randomUUID();
            define(rule, request, scope);
            rule.enabled = true;
            rule.createdAt = now;
            rule.updatedAt = now;
            return rule.<AlertRule> persistAndFlush()
                    .call(saved -> changes.audited(actor, "create", TABLE, saved.id, null, audited(saved)))
                    .map(saved -> AlertRuleView.of(saved, true));
        });
    }

    /**
     * Replaces a rule's definition; it stays enabled or disabled as it was. Its states start over when what it
     * watches changes (kind or scope): a state of another measure would be wrong. A new threshold is picked up by the
     * next evaluation. A webhook keeps its secret while it has one; a webhook added gets a new one, in this answer
     * only, as at creation.
     */
    @WithTransaction
    public Uni<AlertRuleView> replace(UUID id, AlertRuleRequest request, Actor actor) {
        request.validate();
        AlertRuleRequest.Scope scope = request.scopeOrAll();
        return requireScope(scope).chain(() -> require(id)).chain(rule -> {
            Map<String, Object> old = audited(rule);
            boolean watchesOther = rule.kind != request.alertKind() || !Objects.equals(rule.clientId, scope.client())
                    || !Objects.equals(rule.bucketId, scope.bucket())
                    || !Objects.equals(rule.meter, scope.meter() == null ? null : scope.meter().trim());
            boolean secretMade = request.webhook() != null && rule.webhookSecret == null;
            define(rule, request, scope);
            rule.updatedAt = clock.instant();
            Uni<Long> states = watchesOther ? AlertStateRecord.delete("ruleId", id) : Uni.createFrom().item(0L);
            return states.chain(() -> rule.<AlertRule> persistAndFlush())
                    .call(saved -> changes.audited(actor, "update", TABLE, id, old, audited(saved)))
                    .map(saved -> AlertRuleView.of(saved, secretMade));
        });
    }

    /** What a request defines of a rule. A webhook's secret is made once and kept while the rule has a webhook. */
    private void define(AlertRule rule, AlertRuleRequest request, AlertRuleRequest.Scope scope) {
        rule.name = request.name().trim();
        rule.kind = request.alertKind();
        rule.clientId = scope.client();
        rule.bucketId = scope.bucket();
        rule.meter = scope.meter() == null ? null : scope.meter().trim();
        rule.threshold = request.threshold();
        rule.warningAt = request.warningAt();
        if (request.webhook() == null) {
            rule.webhookUrl = null;
            rule.webhookSecret = null;
        } else {
            rule.webhookUrl = request.webhook().url().trim();
            if (rule.webhookSecret == null) {
                rule.webhookSecret = WebhookSigner.newSecret(random);
            }
        }
    }

    /** A page of the rules in {@code order}, then by id so pages never overlap. */
    @WithSession
    public Uni<Page<AlertRuleView>> list(SortOrder order, PageRequest page) {
        return PanachePages.read(AlertRule.<AlertRule> findAll(order.toPanache(Map.of(), "id")), page,
                r -> AlertRuleView.of(r, false));
    }

    @WithSession
    public Uni<AlertRuleView> get(UUID id) {
        return require(id).map(r -> AlertRuleView.of(r, false));
    }

    @WithTransaction
    public Uni<AlertRuleView> setEnabled(UUID id, boolean enabled, Actor actor) {
        return require(id).chain(rule -> {
            Map<String, Object> old = audited(rule);
            rule.enabled = enabled;
            rule.updatedAt = clock.instant();
            return rule.<AlertRule> persistAndFlush()
                    .call(saved -> changes.audited(actor, enabled ? "enable" : "disable", TABLE, id, old,
                            audited(saved)))
                    .map(saved -> AlertRuleView.of(saved, false));
        });
    }

    @WithTransaction
    public Uni<Void> delete(UUID id, Actor actor) {
        return require(id).chain(rule -> {
            Map<String, Object> old = audited(rule);
            return rule.delete().call(() -> changes.audited(actor, "delete", TABLE, id, old, null));
        });
    }

    static Uni<AlertRule> require(UUID id) {
        return AlertRule.<AlertRule> findById(id).map(found -> {
            if (found == null) {
                throw ProblemException.notFound("No alert rule " + id + ".");
            }
            return found;
        });
    }

    private Uni<Void> requireScope(AlertRuleRequest.Scope scope) {
        Uni<Void> checks = Uni.createFrom().voidItem();
        if (scope.client() != null) {
            checks = replicas.one(ReplicaKind.CLIENT, scope.client().toString(), ClientChanged.class)
                    .invoke(found -> {
                        if (found == null) {
                            throw ProblemException.notFound("No client " + scope.client()
                                    + ": billing has announced no such client.");
                        }
                    }).replaceWithVoid();
        }
        if (scope.bucket() != null) {
            checks = checks.chain(() -> replicas.one(ReplicaKind.BUCKET, scope.bucket().toString(),
                    BucketChanged.class).invoke(found -> {
                        if (found == null || (scope.client() != null && !found.client().equals(scope.client()))) {
                            throw ProblemException.notFound("No bucket " + scope.bucket()
                                    + (scope.client() != null ? " of client " + scope.client() : "") + ".");
                        }
                    })).replaceWithVoid();
        }
        return checks;
    }

    /** What the audit log keeps of a rule: everything but the webhook secret. */
    private static Map<String, Object> audited(AlertRule r) {
        java.util.HashMap<String, Object> values = new java.util.HashMap<>();
        values.put("name", r.name);
        values.put("kind", r.kind.name());
        values.put("client", r.clientId);
        values.put("bucket", r.bucketId);
        values.put("meter", r.meter);
        values.put("threshold", r.threshold);
        values.put("warningAt", r.warningAt);
        values.put("webhookUrl", r.webhookUrl);
        values.put("enabled", r.enabled);
        return values;
    }
}
