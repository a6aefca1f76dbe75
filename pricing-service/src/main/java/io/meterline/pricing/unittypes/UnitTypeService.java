package io.meterline.pricing.unittypes;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.meterline.platform.audit.AuditLog;
import io.meterline.platform.paging.Page;
import io.meterline.platform.paging.PageRequest;
import io.meterline.platform.paging.SortOrder;
import io.meterline.platform.problem.ProblemException;
import io.meterline.platform.security.Actor;
import io.meterline.pricing.catalog.CatalogPublisher;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/** Unit type changes: each one audited and announced on the catalog topic in its own transaction. */
@ApplicationScoped
public class UnitTypeService {

    /** The fields of the list's {@code ?sort=}. */
    public static final java.util.Set<String> SORTABLE = UnitTypeRepository.SORTABLE;

    /** The list's order when none is asked for. */
    public static final String DEFAULT_SORT = UnitTypeRepository.DEFAULT_SORT;

    private static final Logger LOG = Logger.getLogger(UnitTypeService.class);
    static final String TABLE = "unit_type";

    @Inject
    Pool pool;

    @Inject
    UnitTypeRepository repository;

    @Inject
    AuditLog audit;

    @Inject
    CatalogPublisher catalog;

    public Uni<Page<UnitType>> list(SortOrder order, PageRequest page) {
        return Uni.combine().all().unis(repository.list(pool, order, page.size(), page.offset()),
                repository.count(pool)).asTuple()
                .map(t -> new Page<>(t.getItem1(), page.page(), page.size(), t.getItem2()));
    }

    public Uni<UnitType> get(UUID id) {
        return repository.find(pool, id, false).map(found -> require(found, id));
    }

    public Uni<UnitType> create(UnitTypeRequest request, Actor actor) {
        request.validate();
        UUID id = UUID.randomUUID();
        return pool.withTransaction(tx -> requireFreeName(tx, request.name(), null)
                .chain(() -> repository.insert(tx, id, request))
                .call(created -> announce(tx, actor, "create", null, created, created, false)))
                .invoke(created -> LOG.debugf("Created unit type %s (%s)", created.name(), created.id()));
    }

    public Uni<UnitType> replace(UUID id, UnitTypeRequest request, Actor actor) {
        request.validate();
        return pool.withTransaction(tx -> repository.find(tx, id, true).map(found -> require(found, id))
                .call(() -> requireFreeName(tx, request.name(), id))
                .chain(old -> repository.update(tx, id, request)
                        .call(updated -> announce(tx, actor, "update", old, updated, updated, false))));
    }

    public Uni<Void> delete(UUID id, Actor actor) {
        return pool.withTransaction(tx -> repository.find(tx, id, true).map(found -> require(found, id))
                .chain(old -> repository.markDeleted(tx, id)
                        .call(deleted -> announce(tx, actor, "delete", old, null, deleted, true))))
                .replaceWithVoid();
    }

    /** Audits the change and puts the unit type's new state on the catalog topic, in the same transaction. */
    private Uni<Void> announce(SqlConnection tx, Actor actor, String action, UnitType before, UnitType after,
            UnitType state, boolean deleted) {
        return audit.record(tx, actor, action, TABLE, state.id(), before, after)
                .call(() -> catalog.unitTypeChanged(tx, state.toEvent(deleted)));
    }

    private Uni<Void> requireFreeName(SqlConnection tx, String name, UUID except) {
        return repository.nameTaken(tx, name.trim(), except).invoke(taken -> {
            if (taken) {
                throw ProblemException.conflict("A unit type named '" + name.trim() + "' already exists.");
            }
        }).replaceWithVoid();
    }

    private static UnitType require(UnitType found, UUID id) {
        if (found == null) {
            throw ProblemException.notFound("No unit type " + id + ".");
        }
        return found;
    }
}
