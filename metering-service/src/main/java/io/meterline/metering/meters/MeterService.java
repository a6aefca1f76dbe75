package io.meterline.metering.meters;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.meterline.platform.audit.AuditLog;
import io.meterline.platform.problem.ProblemException;
import io.meterline.platform.security.Actor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** Meter definitions: audited; the aggregation of a meter with stored events never changes. */
@ApplicationScoped
public class MeterService {

    static final String TABLE = "meter";

    @Inject
    Pool pool;

    @Inject
    MeterRepository repository;

    @Inject
    MeterCatalog catalog;

    @Inject
    AuditLog audit;

    public Uni<List<Meter>> list() {
        return repository.all(pool);
    }

    public Uni<Meter> get(String apiName) {
        return repository.findByName(pool, apiName, false).map(found -> require(found, apiName));
    }

    public Uni<Meter> create(MeterRequest request, Actor actor) {
        request.validate();
        UUID id = UUID.randomUUID();
        return pool.withTransaction(tx -> repository.findByName(tx, request.apiName(), false).invoke(existing -> {
            if (existing != null) {
                throw ProblemException.conflict("A meter named " + request.apiName() + " already exists.");
            }
        }).chain(() -> repository.insert(tx, id, request))
                .call(created -> audit.record(tx, actor, "create", TABLE, created.apiName(), null, created)))
                .call(catalog::reload);
    }

    public Uni<Meter> replace(String apiName, MeterRequest request, Actor actor) {
        Aggregation aggregation = request.validate();
        if (!apiName.equals(request.apiName())) {
            throw ProblemException.invalidField("apiName", "cannot change; it is how events name the meter");
        }
        return pool.withTransaction(tx -> repository.findByName(tx, apiName, true).map(found -> require(found, apiName))
                .call(old -> old.aggregation() == aggregation ? Uni.createFrom().voidItem()
                        : repository.hasEvents(tx, apiName).invoke(has -> {
                            if (has) {
                                throw ProblemException.conflict("The meter " + apiName + " has stored events, so its "
                                        + "aggregation stays " + old.aggregation() + ". Define a new meter instead.");
                            }
                        }).replaceWithVoid())
                .chain(old -> repository.update(tx, old.id(), request)
                        .call(updated -> audit.record(tx, actor, "update", TABLE, apiName, old, updated))))
                .call(catalog::reload);
    }

    private static Meter require(Meter found, String apiName) {
        if (found == null) {
            throw ProblemException.notFound("No meter " + apiName + ".");
        }
        return found;
    }
}
