package io.meterline.pricing.plans;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.meterline.contracts.catalog.PlanVersionPublished;
import io.meterline.platform.audit.AuditLog;
import io.meterline.platform.paging.Page;
import io.meterline.platform.paging.PageRequest;
import io.meterline.platform.paging.SortOrder;
import io.meterline.platform.problem.ProblemException;
import io.meterline.platform.security.Actor;
import io.meterline.pricing.catalog.CatalogPublisher;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Price plans and cost-rate plans: a draft is edited; publishing freezes it into an immutable, effective-dated
 * version, audited and announced on the catalog topic in the same transaction.
 */
@ApplicationScoped
public class PlanService {

    /** The fields of the list's {@code ?sort=}. */
    public static final java.util.Set<String> SORTABLE = PlanRepository.SORTABLE;

    /** The list's order when none is asked for. */
    public static final String DEFAULT_SORT = PlanRepository.DEFAULT_SORT;

    private static final Logger LOG = Logger.getLogger(PlanService.class);
    static final String TABLE = "plan";
    static final String VERSION_TABLE = "plan_version";

    @Inject
    Pool pool;

    @Inject
    PlanRepository repository;

    @Inject
    AuditLog audit;

    @Inject
    CatalogPublisher catalog;

    @Inject
    Clock clock;

    public Uni<Page<Plan>> list(PlanKind kind, String client, SortOrder order, PageRequest page) {
        return repository.list(pool, kind, client, order, page.size(), page.offset())
                .chain(rows -> withVersions(pool, rows))
                .chain(plans -> repository.count(pool, kind, client)
                        .map(total -> new Page<>(plans, page.page(), page.size(), total)));
    }

    public Uni<Plan> get(PlanKind kind, UUID id) {
        return require(pool, kind, id, false).chain(row -> withVersions(pool, List.of(row))).map(plans -> plans.get(0));
    }

    public Uni<Plan> create(PlanKind kind, PlanRequest request, Actor actor) {
        request.validate(kind);
        UUID id = UUID.randomUUID();
        return pool.withTransaction(tx -> requireFreeName(tx, kind, request.name(), null)
                .chain(() -> repository.insert(tx, kind, id, request))
                .call(created -> audit.record(tx, actor, "create", TABLE, id, null, created))
                .map(created -> created.withVersions(List.of())))
                .invoke(plan -> LOG.debugf("Created %s %s (%s)", kind.label(), plan.name(), plan.id()));
    }

    /** Replaces the draft (and the name, description, currency and client). Published versions never change. */
    public Uni<Plan> replaceDraft(PlanKind kind, UUID id, PlanRequest request, Actor actor) {
        request.validate(kind);
        return pool.withTransaction(tx -> require(tx, kind, id, true)
                .call(() -> requireFreeName(tx, kind, request.name(), id))
                .call(old -> repository.latestVersion(tx, id).invoke(latest -> {
                    if (latest != null && !latest.currency().equals(request.currency())) {
                        throw ProblemException.conflict("This " + kind.label() + " has published versions in "
                                + latest.currency() + "; its currency cannot change. Create a new plan instead.");
                    }
                    if (latest != null && !java.util.Objects.equals(old.client(), request.client())) {
                        throw ProblemException.conflict("This " + kind.label() + " has published versions for "
                                + (old.client() == null ? "all clients" : "client " + old.client())
                                + "; its client cannot change. Create a new plan instead.");
                    }
                }))
                .chain(old -> repository.updateDraft(tx, id, request)
                        .call(updated -> audit.record(tx, actor, "update-draft", TABLE, id, old, updated)))
                .chain(updated -> withVersions(tx, List.of(updated))).map(plans -> plans.get(0)));
    }

    /** Freezes the draft into the next version, in effect from {@code effectiveFrom} (default now). */
    public Uni<PlanVersion> publish(PlanKind kind, UUID id, PublishRequest request, Actor actor) {
        Instant effectiveFrom = request != null && request.effectiveFrom() != null ? request.effectiveFrom()
                : clock.instant();
        return pool.withTransaction(tx -> require(tx, kind, id, true).chain(plan -> {
            if (plan.charges().isEmpty()) {
                throw ProblemException.conflict("The draft has no charges; add at least one before publishing.");
            }
            return repository.latestVersion(tx, id).chain(latest -> {
                if (latest != null && !effectiveFrom.isAfter(latest.effectiveFrom())) {
                    throw ProblemException.conflict("Versions take effect in order: version " + latest.version()
                            + " takes effect at " + latest.effectiveFrom() + ", so effectiveFrom must be after it.");
                }
                int next = latest == null ? 1 : latest.version() + 1;
                return repository.insertVersion(tx, id, next, effectiveFrom, plan.currency(), plan.charges(),
                        actor.id());
            }).call(version -> audit.record(tx, actor, "publish", VERSION_TABLE, id + "/v" + version.version(), null,
                    version))
                    .call(version -> catalog.planVersionPublished(tx, new PlanVersionPublished(
                            PlanVersionPublished.SCHEMA_VERSION, id, kind.name(), plan.name(), version.currency(),
                            plan.client(), version.version(), version.effectiveFrom(), version.publishedAt(),
                            version.publishedBy(), version.charges())));
        })).invoke(v -> LOG.infof("Published %s %s version %d, effective from %s", kind.label(), id, v.version(),
                v.effectiveFrom()));
    }

    public Uni<List<Plan.VersionSummary>> versions(PlanKind kind, UUID id) {
        return require(pool, kind, id, false)
                .chain(plan -> repository.versionSummaries(pool, List.of(id))).map(byPlan -> byPlan.get(id));
    }

    public Uni<PlanVersion> version(PlanKind kind, UUID id, int version) {
        return require(pool, kind, id, false).chain(plan -> repository.version(pool, id, version)).map(found -> {
            if (found == null) {
                throw ProblemException.notFound("The " + kind.label() + " " + id + " has no version " + version + ".");
            }
            return found;
        });
    }

    private Uni<PlanRepository.PlanRow> require(SqlClient db, PlanKind kind, UUID id, boolean forUpdate) {
        return repository.find(db, kind, id, forUpdate).map(found -> {
            if (found == null) {
                throw ProblemException.notFound("No " + kind.label() + " " + id + ".");
            }
            return found;
        });
    }

    private Uni<List<Plan>> withVersions(SqlClient db, List<PlanRepository.PlanRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return repository.versionSummaries(db, rows.stream().map(PlanRepository.PlanRow::id).toList())
                .map(byPlan -> rows.stream().map(row -> row.withVersions(byPlan.get(row.id()))).toList());
    }

    private Uni<Void> requireFreeName(SqlClient db, PlanKind kind, String name, UUID except) {
        return repository.nameTaken(db, kind, name.trim(), except).invoke(taken -> {
            if (taken) {
                throw ProblemException.conflict("A " + kind.label() + " named '" + name.trim() + "' already exists.");
            }
        }).replaceWithVoid();
    }
}
