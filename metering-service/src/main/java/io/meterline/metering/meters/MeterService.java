package io.meterline.metering.meters;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.meterline.platform.audit.ChangeRecorder;
import io.meterline.platform.problem.ProblemException;
import io.meterline.platform.security.Actor;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Meter definitions: audited; the aggregation of a meter with stored events never changes. The ingest path's cache
 * ({@link MeterCatalog}) is reloaded after each change commits, so this replica uses it at once.
 */
@ApplicationScoped
public class MeterService {

    static final String TABLE = "meter";

    @Inject
    ChangeRecorder changes;

    @Inject
    MeterCatalog catalog;

    @Inject
    MeterRepository repository;

    @Inject
    Pool pool;

    @Inject
    Clock clock;

    /** Every meter, by name: a deployment has tens. */
    @WithSession
    public Uni<List<Meter>> list() {
        return MeterRecord.<MeterRecord> list("order by apiName").map(all -> all.stream().map(MeterRecord::view).toList());
    }

    @WithSession
    public Uni<Meter> get(String apiName) {
        return require(apiName).map(MeterRecord::view);
    }

    public Uni<Meter> create(MeterRequest request, Actor actor) {
        MeterRequest.Definition definition = request.validate();
        MeterRecord meter = new MeterRecord();
        meter.id = UUID.randomUUID();
        meter.apply(request, definition);
        meter.createdAt = clock.instant();
        meter.updatedAt = meter.createdAt;
        return Panache.withTransaction(() -> oneMeterChangeAtATime().chain(() -> MeterRecord.count("apiName",
                request.apiName())).invoke(taken -> {
            if (taken > 0) {
                throw ProblemException.conflict("A meter named " + request.apiName() + " already exists.");
            }
        }).chain(() -> requireOneMeterPerEventType(definition, request.apiName(), meter.id))
                .chain(() -> meter.<MeterRecord> persistAndFlush()).map(MeterRecord::view)
                .call(created -> changes.audited(actor, "create", TABLE, created.apiName(), null, created)))
                .call(catalog::reload);
    }

    public Uni<Meter> replace(String apiName, MeterRequest request, Actor actor) {
        MeterRequest.Definition definition = request.validate();
        Aggregation aggregation = definition.aggregation();
        if (!apiName.equals(request.apiName())) {
            throw ProblemException.invalidField("apiName", "cannot change; it is how events name the meter");
        }
        return Panache.withTransaction(() -> oneMeterChangeAtATime().chain(() -> require(apiName))
                .call(meter -> requireOneMeterPerEventType(definition, apiName, meter.id))
                .call(meter -> meter.aggregation == aggregation
                ? Uni.createFrom().voidItem()
                : repository.hasEvents(pool, apiName).invoke(has -> {
                    if (has) {
                        throw ProblemException.conflict("The meter " + apiName + " has stored events, so its "
                                + "aggregation stays " + meter.aggregation + ". Define a new meter instead.");
                    }
                }).replaceWithVoid())
                .chain(meter -> {
                    Meter old = meter.view();
                    meter.apply(request, definition);
                    meter.updatedAt = clock.instant();
                    return meter.<MeterRecord> persistAndFlush().map(MeterRecord::view)
                            .call(updated -> changes.audited(actor, "update", TABLE, apiName, old, updated));
                }))
                .call(catalog::reload);
    }

    /**
     * Meter changes are rare, so they take turns (a transaction-scoped advisory lock): the checks below then see every
     * meter committed before, and two requests cannot both claim one name or event type.
     */
    private static Uni<Void> oneMeterChangeAtATime() {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtext('meterline.meter'))) AS locked", Long.class)
                .getSingleResult()).replaceWithVoid();
    }

    /**
     * A CloudEvent's type picks one meter, by eventType and else by apiName, so no type may name two meters: not this
     * meter's name if another reads it as its event type, nor its event type if another meter has it as either.
     */
    private static Uni<Void> requireOneMeterPerEventType(MeterRequest.Definition definition, String apiName, UUID self) {
        Uni<Void> name = MeterRecord.<MeterRecord> find("eventType = ?1 and id <> ?2", apiName, self).firstResult()
                .invoke(other -> {
                    if (other != null) {
                        throw ProblemException.conflict("Meter " + other.apiName + " reads the event type " + apiName
                                + ", so a meter named " + apiName + " would never see its events. Choose another "
                                + "name, or change " + other.apiName + "'s eventType first.");
                    }
                }).replaceWithVoid();
        String type = definition.eventType();
        return type == null ? name : name.chain(() -> MeterRecord.<MeterRecord> find(
                "(apiName = ?1 or eventType = ?1) and id <> ?2", type, self).firstResult().invoke(other -> {
                    if (other != null) {
                        throw ProblemException.conflict("CloudEvents of type " + type + " already go to meter "
                                + other.apiName + "; one event type feeds one meter (see docs/metering.md, Coming "
                                + "from OpenMeter).");
                    }
                }).replaceWithVoid());
    }

    private static Uni<MeterRecord> require(String apiName) {
        return MeterRecord.<MeterRecord> find("apiName", apiName).firstResult().map(found -> {
            if (found == null) {
                throw ProblemException.notFound("No meter " + apiName + ".");
            }
            return found;
        });
    }
}
