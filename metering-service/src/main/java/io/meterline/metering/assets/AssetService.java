package io.meterline.metering.assets;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.meterline.contracts.Topics;
import io.meterline.contracts.assets.AssetChanged;
import io.meterline.metering.clients.BillingClient;
import io.meterline.metering.usage.UsageQuery;
import io.meterline.metering.usage.UsageRow;
import io.meterline.metering.usage.UsageService;
import io.meterline.platform.audit.ChangeRecorder;
import io.meterline.platform.outbox.Announcement;
import io.meterline.platform.paging.Page;
import io.meterline.platform.paging.PageRequest;
import io.meterline.platform.paging.PanachePages;
import io.meterline.platform.paging.SortOrder;
import io.meterline.platform.problem.ProblemException;
import io.meterline.platform.security.Actor;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Asset changes: each audited and announced on the compacted assets topic in the same transaction. */
@ApplicationScoped
public class AssetService {

    static final String TABLE = "asset";

    /** The fields the asset list sorts by. */
    public static final Set<String> SORTABLE = Set.of("id", "name", "source", "client", "acknowledged", "enabled",
            "firstSeen", "lastSeen", "createdAt", "updatedAt");

    /** Most recently seen first: the assets an operator is looking for are the active ones. */
    public static final String DEFAULT_SORT = "-lastSeen";

    /** Names sort case-insensitively. */
    private static final Map<String, String> SORT_PROPERTIES = Map.of("name", "sortName");

    @Inject
    ChangeRecorder changes;

    @Inject
    UsageService usage;

    @Inject
    Clock clock;

    @WithSession
    public Uni<Page<Asset>> list(AssetFilter filter, SortOrder order, PageRequest page) {
        StringBuilder where = new StringBuilder("disregarded = :disregarded");
        Parameters params = Parameters.with("disregarded", filter.disregarded());
        if (filter.isNew() != null) {
            where.append(" and acknowledged = :acknowledged");
            params = params.and("acknowledged", !filter.isNew());
        }
        if (filter.unassigned() != null) {
            where.append(filter.unassigned() ? " and client is null" : " and client is not null");
        }
        if (filter.client() != null) {
            where.append(" and client = :client");
            params = params.and("client", filter.client());
        }
        if (filter.source() != null) {
            where.append(" and source = :source");
            params = params.and("source", filter.source());
        }
        if (filter.search() != null) {
            where.append(" and (lower(id) like :search escape '\\' or lower(name) like :search escape '\\'"
                    + " or lower(description) like :search escape '\\')");
            params = params.and("search", "%" + filter.search().toLowerCase(java.util.Locale.ROOT)
                    .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        return PanachePages.read(AssetRecord.<AssetRecord> find(where.toString(),
                order.toPanache(SORT_PROPERTIES, "id"), params), page, AssetRecord::view);
    }

    @WithSession
    public Uni<Asset> get(String id) {
        return require(id).map(AssetRecord::view);
    }

    /**
     * Applies {@code change} to the asset, then audits and announces the result, in one transaction (opened here:
     * every change calls this from within the bean, where an interceptor would not apply).
     */
    private Uni<Asset> change(String id, String action, UnaryOperator<Asset> change, Actor actor) {
        return Panache.withTransaction(() -> require(id).chain(asset -> {
            Asset old = asset.view();
            asset.apply(change.apply(old));
            asset.updatedAt = clock.instant();
            return asset.<AssetRecord> persistAndFlush().map(AssetRecord::view)
                    .call(now -> changes.auditedAndAnnounced(actor, action, TABLE, id, old, now,
                            new Announcement(Topics.METERING_ASSETS, id, AssetChanged.TYPE, id, now.toEvent(action))));
        }));
    }

    public Uni<Asset> acknowledge(String id, Actor actor) {
        return change(id, "acknowledge", a -> flags(a, true, a.disregarded()), actor);
    }

    /** Hidden from default views and left out of usage totals and billing; its history is kept. */
    public Uni<Asset> disregard(String id, Actor actor) {
        return change(id, "disregard", a -> flags(a, a.acknowledged(), true), actor);
    }

    public Uni<Asset> restore(String id, Actor actor) {
        return change(id, "restore", a -> flags(a, a.acknowledged(), false), actor);
    }

    /** A name, description or enabled flag, as an admin edits them (PATCH). */
    public Uni<Asset> update(String id, Map<String, Object> body, Actor actor) {
        AssetChange change = AssetChange.from(body);
        return change(id, "update", change::applyTo, actor);
    }

    /** The asset's daily usage over the last {@code days} days (1 to 366), per meter, each with its aggregation. */
    public Uni<Map<String, List<UsageRow>>> dailyUsage(String id, int days) {
        if (days < 1 || days > 366) {
            throw ProblemException.invalidField("days", "must be between 1 and 366");
        }
        Instant to = clock.instant().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
        Instant from = to.minus(days, ChronoUnit.DAYS);
        return Panache.withSession(() -> require(id)).chain(asset -> usage.metersOf(id, from))
                .chain(meters -> Multi.createFrom().iterable(meters).onItem().transformToUniAndConcatenate(
                        meter -> usage.query(new UsageQuery(meter, from, to, null, id, List.of(), "DAY", null, true),
                                null).map(series -> Map.entry(meter, series))).collect().asList())
                .map(entries -> {
                    Map<String, List<UsageRow>> byMeter = new LinkedHashMap<>();
                    entries.forEach(e -> byMeter.put(e.getKey(), e.getValue()));
                    return byMeter;
                });
    }

    private static Asset flags(Asset a, boolean acknowledged, boolean disregarded) {
        return new Asset(a.id(), a.name(), a.description(), a.source(), a.client(), acknowledged, a.enabled(),
                disregarded, a.firstSeen(), a.lastSeen(), a.createdAt(), a.updatedAt());
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
        return Panache.withSession(() -> BillingClient.enabled(client)).chain(enabled -> {
            if (enabled == null) {
                throw ProblemException.invalidField("client", "billing has no client " + client
                        + "; create it in billing-service first (its externalId is the customer)");
            }
            if (!enabled) {
                throw ProblemException.invalidField("client", "client " + client + " is disabled in billing");
            }
            return change(id, "assign", assign, actor);
        });
    }

    private static Uni<AssetRecord> require(String id) {
        return AssetRecord.<AssetRecord> findById(id).map(found -> {
            if (found == null) {
                throw ProblemException.notFound("No asset " + id + ".");
            }
            return found;
        });
    }
}
