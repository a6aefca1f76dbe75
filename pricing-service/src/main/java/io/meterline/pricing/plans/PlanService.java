package io.meterline.pricing.plans;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;

import io.meterline.contracts.catalog.PlanVersionPublished;
import io.meterline.platform.audit.ChangeRecorder;
import io.meterline.platform.paging.Page;
import io.meterline.platform.paging.PageRequest;
import io.meterline.platform.paging.PanachePages;
import io.meterline.platform.paging.SortOrder;
import io.meterline.platform.problem.ProblemException;
import io.meterline.platform.security.Actor;
import io.meterline.pricing.catalog.CatalogAnnouncements;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/**
 * Price plans and cost-rate plans: a draft is edited; publishing freezes it into an immutable, effective-dated
 * version, audited and announced on the catalog topic in the same transaction.
 */
@ApplicationScoped
public class PlanService {

    /** The fields of the lists' {@code ?sort=}. */
    public static final Set<String> SORTABLE = Set.of("name", "currency", "client", "createdAt", "updatedAt");

    /** By name, as the lists always were: a kind's names are unique, case-insensitively. */
    public static final String DEFAULT_SORT = "name";

    /** Names sort case-insensitively. */
    private static final Map<String, String> SORT_PROPERTIES = Map.of("name", "sortName");

    private static final Logger LOG = Logger.getLogger(PlanService.class);
    static final String TABLE = "plan";
    static final String VERSION_TABLE = "plan_version";

    @Inject
    ChangeRecorder changes;

    @Inject
    ChargesJson charges;

    @Inject
    Clock clock;

    @WithSession
    public Uni<Page<Plan>> list(PlanKind kind, String client, SortOrder order, PageRequest page) {
        Parameters filter = Parameters.with("kind", kind);
        String where = "kind = :kind";
        if (client != null) {
            where += " and client = :client";
            filter = filter.and("client", client);
        }
        return PanachePages.readAll(PlanRecord.<PlanRecord> find(where, order.toPanache(SORT_PROPERTIES, "id"),
                filter), page, this::withVersions);
    }

    @WithSession
    public Uni<Plan> get(PlanKind kind, UUID id) {
        return require(kind, id, LockModeType.NONE).chain(plan -> withVersions(List.of(plan))).map(plans -> plans.get(0));
    }

    @WithTransaction
    public Uni<Plan> create(PlanKind kind, PlanRequest request, Actor actor) {
        request.validate(kind);
        PlanRecord plan = new PlanRecord();
        plan.id = UUID.randomUUID();
        plan.kind = kind;
        plan.apply(request, charges);
        plan.draftRevision = 1;
        plan.createdAt = clock.instant();
        plan.updatedAt = plan.createdAt;
        return requireFreeName(kind, request.name(), null)
                .chain(() -> plan.<PlanRecord> persistAndFlush())
                .map(created -> created.view(List.of(), charges))
                .call(created -> changes.audited(actor, "create", TABLE, created.id(), null, created))
                .invoke(created -> LOG.debugf("Created %s %s (%s)", kind.label(), created.name(), created.id()));
    }

    /** Replaces the draft (and the name, description, currency and client). Published versions never change. */
    @WithTransaction
    public Uni<Plan> replaceDraft(PlanKind kind, UUID id, PlanRequest request, Actor actor) {
        request.validate(kind);
        return require(kind, id, LockModeType.NONE).call(() -> requireFreeName(kind, request.name(), id))
                .chain(plan -> latestVersion(id).chain(latest -> {
                    if (latest != null && !latest.currency.equals(request.currency())) {
                        throw ProblemException.conflict("This " + kind.label() + " has published versions in "
                                + latest.currency + "; its currency cannot change. Create a new plan instead.");
                    }
                    if (latest != null && !Objects.equals(plan.client, request.client())) {
                        throw ProblemException.conflict("This " + kind.label() + " has published versions for "
                                + (plan.client == null ? "all clients" : "client " + plan.client)
                                + "; its client cannot change. Create a new plan instead.");
                    }
                    // A draft change leaves the published versions alone: one read serves both views.
                    return summaries(List.of(id)).map(byPlan -> byPlan.get(id)).chain(versions -> {
                        Plan before = plan.view(versions, charges);
                        plan.apply(request, charges);
                        plan.updatedAt = clock.instant();
                        return plan.<PlanRecord> persistAndFlush().map(updated -> updated.view(versions, charges))
                                .call(after -> changes.audited(actor, "update-draft", TABLE, id, before, after));
                    });
                }));
    }

    /**
     * Freezes the draft into the next version, in effect from {@code effectiveFrom} (default now). The plan is
     * locked for the transaction, so two publishes of one plan take their turns and number their versions in order.
     */
    @WithTransaction
    public Uni<PlanVersion> publish(PlanKind kind, UUID id, PublishRequest request, Actor actor) {
        Instant now = clock.instant();
        Instant effectiveFrom = request != null && request.effectiveFrom() != null ? request.effectiveFrom() : now;
        return require(kind, id, LockModeType.PESSIMISTIC_WRITE).chain(plan -> {
            if (charges.read(plan.draftCharges).isEmpty()) {
                throw ProblemException.conflict("The draft has no charges; add at least one before publishing.");
            }
            return latestVersion(id).chain(latest -> {
                if (latest != null && !effectiveFrom.isAfter(latest.effectiveFrom)) {
                    throw ProblemException.conflict("Versions take effect in order: version " + latest.version
                            + " takes effect at " + latest.effectiveFrom + ", so effectiveFrom must be after it.");
                }
                PlanVersionRecord version = new PlanVersionRecord();
                version.planId = id;
                version.version = latest == null ? 1 : latest.version + 1;
                version.effectiveFrom = effectiveFrom;
                version.currency = plan.currency;
                version.charges = plan.draftCharges;
                version.publishedAt = now;
                version.publishedBy = actor.id();
                return version.<PlanVersionRecord> persistAndFlush();
            }).map(saved -> saved.view(plan, charges)).call(published -> changes.auditedAndAnnounced(actor, "publish",
                    VERSION_TABLE, id + "/v" + published.version(), null, published,
                    CatalogAnnouncements.of(new PlanVersionPublished(PlanVersionPublished.SCHEMA_VERSION, id,
                            kind.name(), plan.name, published.currency(), plan.client, published.version(),
                            published.effectiveFrom(), published.publishedAt(), published.publishedBy(),
                            published.charges()))));
        }).invoke(v -> LOG.infof("Published %s %s version %d, effective from %s", kind.label(), id, v.version(),
                v.effectiveFrom()));
    }

    @WithSession
    public Uni<List<Plan.VersionSummary>> versions(PlanKind kind, UUID id) {
        return require(kind, id, LockModeType.NONE).chain(plan -> summaries(List.of(id))).map(byPlan -> byPlan.get(id));
    }

    @WithSession
    public Uni<PlanVersion> version(PlanKind kind, UUID id, int version) {
        return require(kind, id, LockModeType.NONE).chain(plan -> PlanVersionRecord
                .<PlanVersionRecord> findById(new PlanVersionRecord.Key(id, version)).map(found -> {
                    if (found == null) {
                        throw ProblemException.notFound("The " + kind.label() + " " + id + " has no version "
                                + version + ".");
                    }
                    return found.view(plan, charges);
                }));
    }

    /** The plan's newest version, or null: it may be a price plan whose discounts name one of its charges. */
    static Uni<PlanVersionRecord> latestVersion(UUID planId) {
        return PlanVersionRecord.<PlanVersionRecord> find("planId", Sort.descending("version"), planId).firstResult();
    }

    static Uni<PlanRecord> require(PlanKind kind, UUID id, LockModeType lock) {
        return PlanRecord.<PlanRecord> findById(id, lock).map(found -> {
            if (found == null || found.kind != kind) {
                throw ProblemException.notFound("No " + kind.label() + " " + id + ".");
            }
            return found;
        });
    }

    private Uni<List<Plan>> withVersions(List<PlanRecord> plans) {
        if (plans.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return summaries(plans.stream().map(p -> p.id).toList())
                .map(byPlan -> plans.stream().map(p -> p.view(byPlan.get(p.id), charges)).toList());
    }

    /** Version summaries of these plans, oldest first. */
    private static Uni<Map<UUID, List<Plan.VersionSummary>>> summaries(List<UUID> planIds) {
        return PlanVersionRecord.<PlanVersionRecord> list("planId in ?1", Sort.by("planId").and("version"), planIds)
                .map(versions -> {
                    Map<UUID, List<Plan.VersionSummary>> byPlan = new LinkedHashMap<>();
                    planIds.forEach(id -> byPlan.put(id, new java.util.ArrayList<>()));
                    versions.forEach(v -> byPlan.get(v.planId).add(v.summary()));
                    return byPlan;
                });
    }

    /** Refuses a name another plan of this kind has, case-insensitively; {@code except} is the plan renamed. */
    private static Uni<Void> requireFreeName(PlanKind kind, String name, UUID except) {
        return PlanRecord.<PlanRecord> list("kind = ?1 and lower(name) = lower(?2)", kind, name.trim())
                .invoke(same -> {
                    if (same.stream().anyMatch(other -> !other.id.equals(except))) {
                        throw ProblemException.conflict("A " + kind.label() + " named '" + name.trim()
                                + "' already exists.");
                    }
                }).replaceWithVoid();
    }
}
