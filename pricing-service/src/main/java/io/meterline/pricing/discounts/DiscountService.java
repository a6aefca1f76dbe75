package io.meterline.pricing.discounts;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.meterline.platform.audit.ChangeRecorder;
import io.meterline.platform.paging.Page;
import io.meterline.platform.paging.PageRequest;
import io.meterline.platform.paging.PanachePages;
import io.meterline.platform.paging.SortOrder;
import io.meterline.platform.problem.ProblemException;
import io.meterline.platform.security.Actor;
import io.meterline.pricing.catalog.CatalogAnnouncements;
import io.meterline.pricing.plans.PlansInEffect;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Discounts and promotions: each change audited and announced on the catalog topic in its transaction. */
@ApplicationScoped
public class DiscountService {

    /** The fields of the list's {@code ?sort=}. */
    public static final Set<String> SORTABLE = Set.of("name", "type", "value", "currency", "scope", "client",
            "validFrom", "validUntil", "createdAt", "updatedAt");

    /** Oldest first, as the list always was. */
    public static final String DEFAULT_SORT = "createdAt";

    /** Names sort case-insensitively. */
    private static final Map<String, String> SORT_PROPERTIES = Map.of("name", "sortName");

    static final String TABLE = "discount";

    @Inject
    ChangeRecorder changes;

    @Inject
    PlansInEffect plans;

    @Inject
    Clock clock;

    @WithSession
    public Uni<Page<DiscountView>> list(String scope, UUID planId, String client, boolean includeArchived,
            SortOrder order, PageRequest page) {
        StringBuilder where = new StringBuilder("(archived = false or :includeArchived = true)");
        Parameters filter = Parameters.with("includeArchived", includeArchived);
        if (scope != null) {
            where.append(" and scope = :scope");
            filter = filter.and("scope", scope);
        }
        if (planId != null) {
            where.append(" and planId = :planId");
            filter = filter.and("planId", planId);
        }
        if (client != null) {
            where.append(" and client = :client");
            filter = filter.and("client", client);
        }
        return PanachePages.read(DiscountRecord.<DiscountRecord> find(where.toString(),
                order.toPanache(SORT_PROPERTIES, "id"), filter), page, DiscountRecord::view);
    }

    @WithSession
    public Uni<DiscountView> get(UUID id) {
        return require(id).map(DiscountRecord::view);
    }

    /** The live discounts that can apply to a rating of {@code planId} for {@code client} (which may be null). */
    @WithSession
    public Uni<List<DiscountView>> applicable(UUID planId, String client) {
        return DiscountRecord.<DiscountRecord> list("archived = false and ((scope in ('PLAN', 'CHARGE') and "
                + "planId = ?1) or (scope = 'CLIENT' and client = ?2))", Sort.by("createdAt").and("id"), planId,
                client == null ? "" : client).map(rows -> rows.stream().map(DiscountRecord::view).toList());
    }

    @WithTransaction
    public Uni<DiscountView> create(DiscountRequest request, Actor actor) {
        request.validate();
        DiscountRecord discount = new DiscountRecord();
        discount.id = UUID.randomUUID();
        discount.apply(request);
        discount.revision = 1;
        discount.createdAt = clock.instant();
        discount.updatedAt = discount.createdAt;
        return checkReferences(request).chain(() -> discount.<DiscountRecord> persistAndFlush())
                .call(created -> announce(actor, "create", null, created)).map(DiscountRecord::view);
    }

    @WithTransaction
    public Uni<DiscountView> replace(UUID id, DiscountRequest request, Actor actor) {
        request.validate();
        return require(id).invoke(old -> {
            if (old.archived) {
                throw ProblemException.conflict("The discount " + id + " is archived and cannot change.");
            }
        }).call(() -> checkReferences(request)).chain(discount -> {
            DiscountView old = discount.view();
            discount.apply(request);
            discount.updatedAt = clock.instant();
            return discount.<DiscountRecord> persistAndFlush().call(updated -> announce(actor, "update", old, updated))
                    .map(DiscountRecord::view);
        });
    }

    /** Withdraws the discount; it stays listed with includeArchived=true, and in the audit log. */
    @WithTransaction
    public Uni<Void> archive(UUID id, Actor actor) {
        return require(id).chain(discount -> {
            if (discount.archived) {
                return Uni.createFrom().voidItem();
            }
            DiscountView old = discount.view();
            discount.archived = true;
            discount.updatedAt = clock.instant();
            return discount.<DiscountRecord> persistAndFlush()
                    .call(archived -> announce(actor, "archive", old, archived)).replaceWithVoid();
        });
    }

    /** The plan must be a price plan, the charge one of its charges, and an amount in the plan's currency. */
    private Uni<Void> checkReferences(DiscountRequest request) {
        if (request.planId() == null) {
            return Uni.createFrom().voidItem();
        }
        return plans.pricePlan(request.planId()).chain(plan -> {
            if (plan == null) {
                throw ProblemException.invalidField("planId", "no price plan " + request.planId());
            }
            if (request.currency() != null && "AMOUNT".equals(request.type())
                    && !request.currency().equals(plan.currency)) {
                throw ProblemException.invalidField("currency", "must be the plan's currency, " + plan.currency);
            }
            if (request.chargeKey() == null
                    || plans.draftCharges(plan).stream().anyMatch(c -> request.chargeKey().equals(c.key()))) {
                return Uni.createFrom().voidItem();
            }
            return plans.latestCharges(plan.id).invoke(published -> {
                if (published.stream().noneMatch(c -> request.chargeKey().equals(c.key()))) {
                    throw ProblemException.invalidField("chargeKey",
                            "the plan has no charge '" + request.chargeKey() + "'");
                }
            }).replaceWithVoid();
        });
    }

    private Uni<Void> announce(Actor actor, String action, DiscountView before, DiscountRecord state) {
        DiscountView after = state.view();
        return changes.auditedAndAnnounced(actor, action, TABLE, state.id, before, after,
                CatalogAnnouncements.of(after.toEvent()));
    }

    private static Uni<DiscountRecord> require(UUID id) {
        return DiscountRecord.<DiscountRecord> findById(id).map(found -> {
            if (found == null) {
                throw ProblemException.notFound("No discount " + id + ".");
            }
            return found;
        });
    }
}
