package io.meterline.projection.alerts;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.meterline.platform.paging.Page;
import io.meterline.platform.paging.PageRequest;
import io.meterline.platform.paging.PanachePages;
import io.meterline.platform.paging.SortOrder;
import io.meterline.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

/** Reads alert states, their history and webhook deliveries. */
@ApplicationScoped
public class AlertQueries {

    /** The fields of {@code ?sort=} on the alert list: the state's own columns, not its rule's. */
    public static final Set<String> ALERTS_SORTABLE = Set.of("status", "rule", "scope", "client", "since", "value",
            "periodStart", "notifiedPeriod", "evaluatedAt");

    /** By status, then rule and scope, as the list always was. */
    public static final String ALERTS_DEFAULT_SORT = "status";

    /** The sortable fields of the alert list whose entity property has another name; status sorts by severity. */
    static final Map<String, String> ALERTS_PROPERTIES = Map.of("rule", "ruleId", "client", "clientId", "status",
            "severity");

    /** The fields of {@code ?sort=} on a rule's history. */
    public static final Set<String> HISTORY_SORTABLE = Set.of("at", "scope", "from", "to", "value", "threshold",
            "notified");

    /** Newest first, as the history always was. */
    public static final String HISTORY_DEFAULT_SORT = "-at";

    /** The sortable fields of the history whose entity property has another name. */
    static final Map<String, String> HISTORY_PROPERTIES = Map.of("from", "fromStatus", "to", "toStatus");

    /** The fields of {@code ?sort=} on a rule's webhook deliveries: the entity's properties of the same names. */
    public static final Set<String> DELIVERIES_SORTABLE = Set.of("createdAt", "deliveredAt", "nextAttemptAt",
            "status", "attempts", "url");

    /** Newest first, as the list always was. */
    public static final String DELIVERIES_DEFAULT_SORT = "-createdAt";

    /** Alert states in {@code order}, then by their key (rule and scope) so pages never overlap. */
    @WithSession
    public Uni<Page<AlertViews.Alert>> alerts(String status, UUID rule, UUID client, SortOrder order,
            PageRequest page) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (status != null) {
            AlertStatus parsed;
            try {
                parsed = AlertStatus.valueOf(status);
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField("status", "must be OK, WARNING or FIRING");
            }
            where.append(" and status = :status");
            params.and("status", parsed);
        }
        if (rule != null) {
            where.append(" and ruleId = :rule");
            params.and("rule", rule);
        }
        if (client != null) {
            where.append(" and clientId = :client");
            params.and("client", client);
        }
        return PanachePages.readAll(AlertStateRecord.<AlertStateRecord> find(where.toString(),
                order.toPanache(ALERTS_PROPERTIES, "ruleId").and("scope"), params), page,
                states -> rules(states.stream().map(s -> s.ruleId).distinct().toList())
                        .map(rules -> states.stream().map(s -> {
                            AlertRule r = rules.get(s.ruleId);
                            return new AlertViews.Alert(s.ruleId, r.name, r.kind.name(), s.scope, s.clientId,
                                    s.status.name(), s.since, s.value, r.threshold, r.warningAt, s.periodStart,
                                    s.notifiedPeriod, s.evaluatedAt);
                        }).toList()));
    }

    /** A rule's state changes in {@code order}, then by id so pages never overlap. */
    @WithSession
    public Uni<Page<AlertViews.History>> history(UUID rule, SortOrder order, PageRequest page) {
        return AlertRuleService.require(rule).chain(found -> PanachePages.read(AlertHistoryEntry
                .<AlertHistoryEntry> find("ruleId", order.toPanache(HISTORY_PROPERTIES, "id"), rule), page,
                h -> new AlertViews.History(h.ruleId, h.scope, h.fromStatus == null ? null : h.fromStatus.name(),
                        h.toStatus.name(), h.value, h.threshold, h.notified, h.at)));
    }

    /** A rule's webhook deliveries in {@code order}, then by id so pages never overlap. */
    @WithSession
    public Uni<Page<AlertViews.Delivery>> deliveries(UUID rule, SortOrder order, PageRequest page) {
        return AlertRuleService.require(rule).chain(found -> PanachePages.readAll(WebhookDelivery
                .<WebhookDelivery> find("ruleId", order.toPanache(Map.of(), "id"), rule), page,
                items -> attempts(items).map(log -> items.stream().map(d -> new AlertViews.Delivery(d.id, d.url,
                        d.status.name(), d.attempts, d.nextAttemptAt, d.createdAt, d.deliveredAt, d.payload,
                        log.getOrDefault(d.id, List.of()))).toList())));
    }

    private static Uni<Map<UUID, List<AlertViews.Attempt>>> attempts(List<WebhookDelivery> deliveries) {
        if (deliveries.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return WebhookAttempt.<WebhookAttempt> list("deliveryId in ?1 order by deliveryId, attempt",
                deliveries.stream().map(d -> d.id).toList()).map(attempts -> attempts.stream().collect(
                        Collectors.groupingBy(a -> a.deliveryId, Collectors.mapping(a -> new AlertViews.Attempt(
                                a.attempt, a.at, a.statusCode, a.error, a.durationMs), Collectors.toList()))));
    }

    private static Uni<Map<UUID, AlertRule>> rules(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return AlertRule.<AlertRule> list("id in ?1", ids)
                .map(rules -> rules.stream().collect(Collectors.toMap(r -> r.id, r -> r)));
    }
}
