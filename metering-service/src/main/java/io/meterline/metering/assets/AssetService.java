package io.meterline.metering.assets;

import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.meterline.contracts.Topics;
import io.meterline.contracts.assets.AssetChanged;
import io.meterline.platform.audit.AuditLog;
import io.meterline.platform.outbox.Outbox;
import io.meterline.platform.paging.Page;
import io.meterline.platform.paging.PageRequest;
import io.meterline.platform.problem.ProblemException;
import io.meterline.platform.security.Actor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** Asset changes: each audited and announced on the compacted assets topic in the same transaction. */
@ApplicationScoped
public class AssetService {

    static final String TABLE = "asset";

    @Inject
    Pool pool;

    @Inject
    AssetRepository repository;

    @Inject
    AuditLog audit;

    @Inject
    Outbox outbox;

    public Uni<Page<Asset>> list(AssetRepository.Filter filter, PageRequest page) {
        return Uni.combine().all().unis(repository.list(pool, filter, page.size(), page.offset()),
                repository.count(pool, filter)).asTuple()
                .map(t -> new Page<>(t.getItem1(), page.page(), page.size(), t.getItem2()));
    }

    public Uni<Asset> get(String id) {
        return repository.find(pool, id, false).map(found -> require(found, id));
    }

    /** Applies {@code change} to the asset under a row lock, then audits and announces the result. */
    public Uni<Asset> change(String id, String action, UnaryOperator<Asset> change, Actor actor) {
        return pool.withTransaction(tx -> repository.find(tx, id, true).map(found -> require(found, id))
                .chain(old -> repository.save(tx, change.apply(old))
                        .call(now -> audit.record(tx, actor, action, TABLE, id, old, now))
                        .call(now -> outbox.add(tx, Topics.METERING_ASSETS, id, AssetChanged.TYPE, id,
                                now.toEvent(action)))));
    }

    private static Asset require(Asset found, String id) {
        if (found == null) {
            throw ProblemException.notFound("No asset " + id + ".");
        }
        return found;
    }
}
