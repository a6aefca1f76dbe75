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
import io.meterline.platform.paging.SortOrder;
import io.meterline.platform.problem.ProblemException;
import io.meterline.platform.security.Actor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

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

    public Uni<Page<Asset>> list(AssetRepository.Filter filter, SortOrder order, PageRequest page) {
        return Uni.combine().all().unis(repository.list(pool, filter, order, page.size(), page.offset()),
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

    /**
     * Assigns the asset to a client, which billing must know and bill (from {@code meterline.billing.events}), or
     * unassigns it ({@code client} null). An unknown or disabled client is a 400 naming the field.
     */
    public Uni<Asset> assign(String id, String client, Actor actor) {
        UnaryOperator<Asset> assign = a -> new Asset(a.id(), a.name(), a.description(), a.source(), client,
                a.acknowledged(), a.enabled(), a.disregarded(), a.firstSeen(), a.lastSeen(), a.createdAt(),
                a.updatedAt());
        if (client == null) {
            return change(id, "unassign", assign, actor);
        }
        return pool.preparedQuery("SELECT bool_or(enabled) FROM billing_client WHERE external_id = $1")
                .execute(Tuple.of(client)).chain(rows -> {
                    Boolean enabled = rows.iterator().next().getBoolean(0);
                    if (enabled == null) {
                        throw ProblemException.invalidField("client", "billing has no client " + client
                                + "; create it in billing-service first (its externalId is the customer)");
                    }
                    if (!enabled) {
                        throw ProblemException.invalidField("client", "client " + client
                                + " is disabled in billing");
                    }
                    return change(id, "assign", assign, actor);
                });
    }

    private static Asset require(Asset found, String id) {
        if (found == null) {
            throw ProblemException.notFound("No asset " + id + ".");
        }
        return found;
    }
}
