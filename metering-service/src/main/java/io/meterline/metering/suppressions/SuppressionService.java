package io.meterline.metering.suppressions;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.meterline.platform.audit.ChangeRecorder;
import io.meterline.platform.problem.ProblemException;
import io.meterline.platform.security.Actor;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Suppression rules as admins make and remove them, each change audited in its transaction. The ingest path's
 * {@link SuppressionFilter} applies them: at once on this replica, within its refresh interval on the others. The
 * transactions are opened here, not by {@code @WithTransaction}, because the filter's counts are written first and
 * the filter is told after the commit.
 */
@ApplicationScoped
public class SuppressionService {

    static final String TABLE = "suppression";

    @Inject
    ChangeRecorder changes;

    @Inject
    SuppressionFilter filter;

    @Inject
    Clock clock;

    /** Every rule, oldest first, with what each has dropped up to now (this replica's counts written first). */
    public Uni<List<SuppressionRule>> list() {
        return filter.flush().chain(() -> Panache.withSession(() -> SuppressionRecord
                .<SuppressionRecord> list("order by createdAt, id")
                .map(rules -> rules.stream().map(SuppressionRecord::view).toList())));
    }

    /** Applied on this replica once the transaction has committed. */
    public Uni<SuppressionRule> create(SuppressionRequest request, Actor actor) {
        request.validate();
        SuppressionRecord rule = new SuppressionRecord();
        rule.id = UUID.randomUUID();
        rule.pattern = request.pattern();
        rule.target = request.target();
        rule.reason = request.reason().trim();
        rule.createdAt = clock.instant();
        return Panache.withTransaction(() -> rule.<SuppressionRecord> persistAndFlush().map(SuppressionRecord::view)
                .call(saved -> changes.audited(actor, "create", TABLE, saved.id(), null, saved)))
                .invoke(filter::refresh);
    }

    /** Matching events are accepted again. Its last counts are written first, so the audit row keeps them. */
    public Uni<Void> delete(UUID id, Actor actor) {
        return filter.flush().chain(() -> Panache.withTransaction(() -> SuppressionRecord
                .<SuppressionRecord> findById(id).chain(rule -> {
                    if (rule == null) {
                        throw ProblemException.notFound("No suppression rule " + id + ".");
                    }
                    SuppressionRule old = rule.view();
                    return rule.delete().call(() -> changes.audited(actor, "delete", TABLE, id, old, null));
                }))).invoke(filter::refresh);
    }
}
