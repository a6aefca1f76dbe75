package io.meterline.billing.runs;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.meterline.billing.clients.Client;
import io.meterline.platform.audit.ChangeRecorder;
import io.meterline.platform.db.NativeStatements;
import io.meterline.platform.paging.Page;
import io.meterline.platform.paging.PageRequest;
import io.meterline.platform.paging.PanachePages;
import io.meterline.platform.paging.SortOrder;
import io.meterline.platform.problem.ProblemException;
import io.meterline.platform.security.Actor;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Starts billing runs (the worker does them) and reports their progress. */
@ApplicationScoped
public class BillingRunService {

    static final String TABLE = "billing_run";
    static final int MAX_LISTED_ERRORS = 1000;

    /** The columns the billing runs screen sorts by, as the API names them; each is the entity property too. */
    public static final Set<String> SORTABLE = Set.of("createdAt", "asOf", "status", "invoices", "requestedBy",
            "startedAt", "finishedAt");
    /** Newest first, as the list always was. */
    public static final String DEFAULT_SORT = "-createdAt";

    @Inject
    ChangeRecorder changes;

    @Inject
    Clock clock;

    /** Queues a run for the selected clients, or every enabled one; an unknown client id is a 400. */
    @WithTransaction
    public Uni<BillingRunView> start(BillingRunRequest request, Actor actor) {
        Instant now = clock.instant();
        Instant asOf = request.asOf() != null ? request.asOf() : now;
        if (asOf.isAfter(now)) {
            throw ProblemException.invalidField("asOf", "must not be in the future (it is now " + now + "); a run "
                    + "closes periods that have ended");
        }
        Set<UUID> ids = new LinkedHashSet<>();
        List<String> given = request.clients() == null ? List.of() : request.clients();
        for (int i = 0; i < given.size(); i++) {
            try {
                ids.add(UUID.fromString(given.get(i)));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw ProblemException.invalidField("clients[" + i + "]", "is not a client id");
            }
        }
        BillingRun run = new BillingRun();
        run.id = UUID.randomUUID();
        run.status = BillingRun.Status.QUEUED;
        run.asOf = asOf;
        run.allClients = ids.isEmpty();
        run.requestedBy = actor.id();
        run.createdAt = now;
        Uni<Integer> selected;
        if (ids.isEmpty()) {
            // Hand-written SQL: a run over every client selects thousands of rows at once.
            selected = run.persist().call(Panache::flush).chain(() -> Panache.getSession()).chain(session ->
                    NativeStatements.update(session, "INSERT INTO billing_run_client (run_id, client_id, status) "
                            + "SELECT ?1, id, 'PENDING' FROM client WHERE enabled", run.id));
        } else {
            selected = Client.<Client> list("id in ?1", ids).chain(found -> {
                if (found.size() < ids.size()) {
                    Set<UUID> unknown = new LinkedHashSet<>(ids);
                    found.forEach(c -> unknown.remove(c.id));
                    throw ProblemException.invalidField("clients", "no client " + unknown.iterator().next()
                            + (unknown.size() > 1 ? " (and " + (unknown.size() - 1) + " more unknown)" : ""));
                }
                List<BillingRunClient> rows = ids.stream().map(id -> {
                    BillingRunClient row = new BillingRunClient();
                    row.runId = run.id;
                    row.clientId = id;
                    row.status = BillingRunClient.Status.PENDING;
                    return row;
                }).toList();
                return run.persist().call(Panache::flush).chain(() -> BillingRunClient.persist(rows))
                        .replaceWith(rows.size());
            });
        }
        return selected.map(count -> {
            run.total = count;
            return BillingRunView.of(run, List.of());
        }).call(view -> changes.audited(actor, "start", TABLE, run.id, null, view));
    }

    @WithSession
    public Uni<BillingRunView> get(UUID id) {
        return BillingRun.<BillingRun> findById(id).chain(run -> {
            if (run == null) {
                throw ProblemException.notFound("No billing run " + id + ".");
            }
            return BillingRunClient.<BillingRunClient> find("runId = ?1 and status = ?2", Sort.by("clientId"), id,
                    BillingRunClient.Status.FAILED).page(0, MAX_LISTED_ERRORS).list()
                    .map(failed -> BillingRunView.of(run, failed.stream()
                            .map(f -> new BillingRunView.ClientError(f.clientId, f.error)).toList()));
        });
    }

    @WithSession
    public Uni<Page<BillingRunView>> list(SortOrder order, PageRequest page) {
        return PanachePages.read(BillingRun.<BillingRun> findAll(order.toPanache(Map.of(), "id")), page,
                run -> BillingRunView.of(run, List.of()));
    }
}
