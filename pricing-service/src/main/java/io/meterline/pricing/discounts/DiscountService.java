package io.meterline.pricing.discounts;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.meterline.platform.audit.AuditLog;
import io.meterline.platform.paging.Page;
import io.meterline.platform.paging.PageRequest;
import io.meterline.platform.paging.SortOrder;
import io.meterline.platform.problem.ProblemException;
import io.meterline.platform.security.Actor;
import io.meterline.pricing.catalog.CatalogPublisher;
import io.meterline.pricing.plans.PlanKind;
import io.meterline.pricing.plans.PlanRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/** Discounts and promotions: each change audited and announced on the catalog topic in its transaction. */
@ApplicationScoped
public class DiscountService {

    /** The fields of the list's {@code ?sort=}. */
    public static final java.util.Set<String> SORTABLE = DiscountRepository.SORTABLE;

    /** The list's order when none is asked for. */
    public static final String DEFAULT_SORT = DiscountRepository.DEFAULT_SORT;

    static final String TABLE = "discount";

    @Inject
    Pool pool;

    @Inject
    DiscountRepository repository;

    @Inject
    PlanRepository plans;

    @Inject
    AuditLog audit;

    @Inject
    CatalogPublisher catalog;

    public Uni<Page<DiscountRecord>> list(String scope, UUID planId, String client, boolean includeArchived,
            SortOrder order, PageRequest page) {
        return Uni.combine().all().unis(
                repository.list(pool, scope, planId, client, includeArchived, order, page.size(), page.offset()),
                repository.count(pool, scope, planId, client, includeArchived))
                .asTuple().map(t -> new Page<>(t.getItem1(), page.page(), page.size(), t.getItem2()));
    }

    public Uni<DiscountRecord> get(UUID id) {
        return repository.find(pool, id, false).map(found -> require(found, id));
    }

    public Uni<DiscountRecord> create(DiscountRequest request, Actor actor) {
        request.validate();
        UUID id = UUID.randomUUID();
        return pool.withTransaction(tx -> checkReferences(tx, request)
                .chain(() -> repository.insert(tx, id, request))
                .call(created -> announce(tx, actor, "create", null, created, created)));
    }

    public Uni<DiscountRecord> replace(UUID id, DiscountRequest request, Actor actor) {
        request.validate();
        return pool.withTransaction(tx -> repository.find(tx, id, true).map(found -> require(found, id))
                .invoke(old -> {
                    if (old.archived()) {
                        throw ProblemException.conflict("The discount " + id + " is archived and cannot change.");
                    }
                })
                .call(() -> checkReferences(tx, request))
                .chain(old -> repository.update(tx, id, request)
                        .call(updated -> announce(tx, actor, "update", old, updated, updated))));
    }

    /** Withdraws the discount; it stays listed with includeArchived=true, and in the audit log. */
    public Uni<Void> archive(UUID id, Actor actor) {
        return pool.withTransaction(tx -> repository.find(tx, id, true).map(found -> require(found, id))
                .chain(old -> old.archived() ? Uni.createFrom().voidItem()
                        : repository.archive(tx, id).call(archived -> announce(tx, actor, "archive", old, archived,
                                archived)).replaceWithVoid()));
    }

    /** The plan must be a price plan, the charge one of its charges, and an amount in the plan's currency. */
    private Uni<Void> checkReferences(SqlConnection tx, DiscountRequest request) {
        if (request.planId() == null) {
            return Uni.createFrom().voidItem();
        }
        return plans.find(tx, PlanKind.PRICE, request.planId(), false).chain(plan -> {
            if (plan == null) {
                throw ProblemException.invalidField("planId", "no price plan " + request.planId());
            }
            if (request.currency() != null && "AMOUNT".equals(request.type())
                    && !request.currency().equals(plan.currency())) {
                throw ProblemException.invalidField("currency", "must be the plan's currency, " + plan.currency());
            }
            if (request.chargeKey() == null) {
                return Uni.createFrom().voidItem();
            }
            boolean inDraft = plan.charges().stream().anyMatch(c -> request.chargeKey().equals(c.key()));
            return inDraft ? Uni.createFrom().voidItem()
                    : plans.latestVersion(tx, plan.id()).invoke(latest -> {
                        boolean published = latest != null
                                && latest.charges().stream().anyMatch(c -> request.chargeKey().equals(c.key()));
                        if (!published) {
                            throw ProblemException.invalidField("chargeKey",
                                    "the plan has no charge '" + request.chargeKey() + "'");
                        }
                    }).replaceWithVoid();
        });
    }

    private Uni<Void> announce(SqlConnection tx, Actor actor, String action, DiscountRecord before,
            DiscountRecord after, DiscountRecord state) {
        return audit.record(tx, actor, action, TABLE, state.id(), before, after)
                .call(() -> catalog.discountChanged(tx, state.toEvent()));
    }

    private static DiscountRecord require(DiscountRecord found, UUID id) {
        if (found == null) {
            throw ProblemException.notFound("No discount " + id + ".");
        }
        return found;
    }
}
