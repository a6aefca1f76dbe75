package io.meterline.pricing.unittypes;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

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
import io.smallrye.mutiny.Uni;

/** Unit type changes: each one audited and announced on the catalog topic in its own transaction. */
@ApplicationScoped
public class UnitTypeService {

    /** The fields of the list's {@code ?sort=}. */
    public static final Set<String> SORTABLE = Set.of("name", "meter", "aggregation", "autoProvision", "currency",
            "commitUnits", "basePrice", "overageRate", "createdAt", "updatedAt");

    /** By name, as the list always was: names are unique, case-insensitively. */
    public static final String DEFAULT_SORT = "name";

    /** Names sort case-insensitively. */
    private static final Map<String, String> SORT_PROPERTIES = Map.of("name", "sortName");

    private static final Logger LOG = Logger.getLogger(UnitTypeService.class);
    static final String TABLE = "unit_type";

    @Inject
    ChangeRecorder changes;

    @Inject
    Clock clock;

    @WithSession
    public Uni<Page<UnitType>> list(SortOrder order, PageRequest page) {
        return PanachePages.read(UnitTypeRecord.<UnitTypeRecord> find("deleted = false",
                order.toPanache(SORT_PROPERTIES, "id")), page, UnitTypeRecord::view);
    }

    @WithSession
    public Uni<UnitType> get(UUID id) {
        return require(id).map(UnitTypeRecord::view);
    }

    @WithTransaction
    public Uni<UnitType> create(UnitTypeRequest request, Actor actor) {
        request.validate();
        UnitTypeRecord unitType = new UnitTypeRecord();
        unitType.id = UUID.randomUUID();
        unitType.apply(request);
        unitType.revision = 1;
        unitType.createdAt = clock.instant();
        unitType.updatedAt = unitType.createdAt;
        return requireFreeName(request.name(), null)
                .chain(() -> unitType.<UnitTypeRecord> persistAndFlush())
                .call(created -> announce(actor, "create", null, created))
                .map(UnitTypeRecord::view)
                .invoke(created -> LOG.debugf("Created unit type %s (%s)", created.name(), created.id()));
    }

    @WithTransaction
    public Uni<UnitType> replace(UUID id, UnitTypeRequest request, Actor actor) {
        request.validate();
        return require(id).call(() -> requireFreeName(request.name(), id)).chain(unitType -> {
            UnitType old = unitType.view();
            unitType.apply(request);
            unitType.updatedAt = clock.instant();
            return unitType.<UnitTypeRecord> persistAndFlush().call(updated -> announce(actor, "update", old, updated))
                    .map(UnitTypeRecord::view);
        });
    }

    /** Marks it deleted: it leaves the list, its name is free again, and the catalog topic says it went. */
    @WithTransaction
    public Uni<Void> delete(UUID id, Actor actor) {
        return require(id).chain(unitType -> {
            UnitType old = unitType.view();
            unitType.deleted = true;
            unitType.updatedAt = clock.instant();
            return unitType.<UnitTypeRecord> persistAndFlush().call(deleted -> announce(actor, "delete", old, deleted));
        }).replaceWithVoid();
    }

    /** Audits the change and puts the unit type's new state on the catalog topic, in the change's transaction. */
    private Uni<Void> announce(Actor actor, String action, UnitType before, UnitTypeRecord state) {
        return changes.auditedAndAnnounced(actor, action, TABLE, state.id, before, state.deleted ? null : state.view(),
                CatalogAnnouncements.of(state.toEvent()));
    }

    /** Refuses a name a live unit type has, case-insensitively; {@code except} is the unit type renamed. */
    private static Uni<Void> requireFreeName(String name, UUID except) {
        return UnitTypeRecord.<UnitTypeRecord> list("lower(name) = lower(?1) and deleted = false", name.trim())
                .invoke(same -> {
                    if (same.stream().anyMatch(other -> !other.id.equals(except))) {
                        throw ProblemException.conflict("A unit type named '" + name.trim() + "' already exists.");
                    }
                }).replaceWithVoid();
    }

    private static Uni<UnitTypeRecord> require(UUID id) {
        return UnitTypeRecord.<UnitTypeRecord> find("id = ?1 and deleted = false", id).firstResult().map(found -> {
            if (found == null) {
                throw ProblemException.notFound("No unit type " + id + ".");
            }
            return found;
        });
    }
}
