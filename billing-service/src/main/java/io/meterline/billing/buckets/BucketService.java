package io.meterline.billing.buckets;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.meterline.billing.catalog.UnitType;
import io.meterline.billing.clients.Client;
import io.meterline.contracts.Topics;
import io.meterline.contracts.billing.BillingEvents;
import io.meterline.contracts.billing.BucketChanged;
import io.meterline.platform.audit.ChangeRecorder;
import io.meterline.platform.paging.Page;
import io.meterline.platform.paging.PageRequest;
import io.meterline.platform.paging.SortOrder;
import io.meterline.platform.problem.ProblemException;
import io.meterline.platform.security.Actor;
import io.meterline.platform.outbox.Announcement;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Buckets and their asset bindings. One asset counts in at most one bucket per meter, and a client has at most one
 * unbound bucket (counting the rest of its usage) per meter at a time; a change that would break either is a 409
 * naming the other bucket. Each change is audited and announced in its own transaction.
 */
@ApplicationScoped
public class BucketService {

    private static final Logger LOG = Logger.getLogger(BucketService.class);
    static final String TABLE = "bucket";

    /** The columns the buckets screen sorts by, as the API names them. */
    public static final Set<String> SORTABLE = Set.of("client", "name", "meter", "sourceType", "commitUnits",
            "basePrice", "overageRate", "startsAt", "endsAt", "reviewed", "enabled", "autoProvisioned", "createdAt",
            "updatedAt");
    /** By client, then name, as the list always was. */
    public static final String DEFAULT_SORT = "client,name";
    /** The sortable fields whose entity property has another name. */
    static final Map<String, String> PROPERTIES = Map.of("client", "clientId");

    @Inject
    ChangeRecorder changes;

    @Inject
    Clock clock;

    @WithSession
    public Uni<Page<BucketView>> list(UUID client, String unitType, Boolean reviewed, Boolean enabled,
            String sourceType, SortOrder order, PageRequest page) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (client != null) {
            where.append(" and clientId = :client");
            params.put("client", client);
        }
        if (reviewed != null) {
            where.append(" and reviewed = :reviewed");
            params.put("reviewed", reviewed);
        }
        if (enabled != null) {
            where.append(" and enabled = :enabled");
            params.put("enabled", enabled);
        }
        if (sourceType != null) {
            where.append(" and sourceType = :sourceType");
            params.put("sourceType", sourceType);
        }
        Uni<UUID> unitTypeId = unitType == null ? Uni.createFrom().nullItem()
                : UnitType.byIdOrName(unitType).map(found -> {
                    if (found == null) {
                        throw ProblemException.invalidField("unitType", "no unit type " + unitType);
                    }
                    return found.id;
                });
        return unitTypeId.chain(id -> {
            if (id != null) {
                where.append(" and unitTypeId = :unitType");
                params.put("unitType", id);
            }
            PanacheQuery<Bucket> query = Bucket.<Bucket> find(where.toString(), order.toPanache(PROPERTIES, "id"),
                    params).page(io.quarkus.panache.common.Page.of(page.page(), page.size()));
            return query.list().chain(this::views).chain(items -> query.count()
                    .map(total -> new Page<>(items, page.page(), page.size(), total)));
        });
    }

    @WithSession
    public Uni<BucketView> get(UUID id) {
        return require(id).chain(this::view);
    }

    @WithTransaction
    public Uni<BucketView> create(BucketRequest request, Actor actor) {
        request.validate();
        return resolve(request).chain(context -> {
            Instant now = clock.instant();
            Bucket bucket = new Bucket();
            bucket.id = UUID.randomUUID();
            bucket.clientId = context.client.id;
            bucket.unitTypeId = context.unitType.id;
            bucket.meter = context.unitType.meter;
            bucket.createdAt = now;
            bucket.autoProvisioned = false;
            apply(bucket, request, context.unitType, now);
            List<String> assets = request.assets() == null ? List.of() : request.assets();
            return requireCountable(bucket, assets).chain(() -> bucket.<Bucket> persist())
                    .chain(() -> bind(bucket, assets, now)).call(Panache::flush).chain(() -> view(bucket))
                    .call(created -> announce(actor, "create", null, created));
        }).invoke(created -> LOG.debugf("Created bucket %s for client %s", created.id(), created.client()));
    }

    @WithTransaction
    public Uni<BucketView> replace(UUID id, BucketRequest request, Actor actor) {
        request.validate();
        return require(id).chain(bucket -> view(bucket).chain(old -> resolve(request).chain(context -> {
            if (!context.client.id.equals(bucket.clientId)) {
                throw ProblemException.conflict("A bucket stays with its client (" + bucket.clientId
                        + "). End it and create one for the other client instead.");
            }
            if (!context.unitType.id.equals(bucket.unitTypeId)) {
                throw ProblemException.conflict("A bucket keeps its unit type (" + old.unitTypeName()
                        + "). End it and create a bucket of the other unit type instead.");
            }
            Instant now = clock.instant();
            apply(bucket, request, context.unitType, now);
            List<String> assets = request.assets() != null ? request.assets() : old.assets();
            return requireCountable(bucket, assets)
                    .chain(() -> request.assets() == null ? Uni.createFrom().voidItem()
                            : BucketAsset.delete("bucketId", bucket.id).call(Panache::flush)
                                    .chain(() -> bind(bucket, assets, now)))
                    .call(Panache::flush).chain(() -> view(bucket))
                    .call(updated -> announce(actor, "update", old, updated));
        }))).invoke(updated -> LOG.debugf("Updated bucket %s", updated.id()));
    }

    /**
     * A bucket made by auto-provisioning: the unit type's template, unreviewed, from now, counting {@code assets}.
     * Call inside a transaction; answers null (and makes nothing) when a binding would conflict.
     */
    Uni<BucketView> provision(Client client, UnitType unitType, List<String> assets, Instant now, Actor actor) {
        if (assets.isEmpty() || unitType.commitUnits == null || unitType.basePrice == null
                || unitType.overageRate == null) {
            return Uni.createFrom().nullItem();
        }
        Bucket bucket = new Bucket();
        bucket.id = UUID.randomUUID();
        bucket.clientId = client.id;
        bucket.unitTypeId = unitType.id;
        bucket.meter = unitType.meter;
        bucket.name = unitType.name;
        bucket.commitUnits = unitType.commitUnits;
        bucket.basePrice = unitType.basePrice;
        bucket.overageRate = unitType.overageRate;
        bucket.startsAt = now;
        bucket.reviewed = false;
        bucket.enabled = true;
        bucket.autoProvisioned = true;
        bucket.createdAt = now;
        bucket.updatedAt = now;
        return requireCountable(bucket, assets)
                .chain(() -> bucket.<Bucket> persist()).chain(() -> bind(bucket, assets, now)).call(Panache::flush)
                .chain(() -> view(bucket)).call(made -> announce(actor, "auto-provision", null, made))
                .onFailure(ProblemException.class).recoverWithNull();
    }

    public static Uni<Bucket> require(UUID id) {
        return Bucket.<Bucket> findById(id).map(found -> {
            if (found == null) {
                throw ProblemException.notFound("No bucket " + id + ".");
            }
            return found;
        });
    }

    private record Context(Client client, UnitType unitType) {
    }

    /** The request's client and unit type, each a 400 naming the field when unknown, in matching currencies. */
    private Uni<Context> resolve(BucketRequest request) {
        return Client.<Client> findById(request.parseClient()).chain(client -> {
            if (client == null) {
                throw ProblemException.invalidField("client", "no client " + request.client());
            }
            return UnitType.byIdOrName(request.unitType()).map(unitType -> {
                if (unitType == null) {
                    throw ProblemException.invalidField("unitType", "no unit type " + request.unitType()
                            + " (billing knows the unit types pricing has published)");
                }
                if (!unitType.currency.equals(client.currency)) {
                    throw ProblemException.invalidField("unitType", "is priced in " + unitType.currency
                            + ", but client " + client.externalId + " is billed in " + client.currency);
                }
                return new Context(client, unitType);
            });
        });
    }

    private void apply(Bucket bucket, BucketRequest request, UnitType unitType, Instant now) {
        bucket.name = request.name() != null ? request.name().trim() : unitType.name;
        bucket.sourceType = request.sourceType();
        bucket.commitUnits = orTemplate("commitUnits", request.commitUnits(), unitType.commitUnits);
        bucket.basePrice = orTemplate("basePrice", request.basePrice(), unitType.basePrice);
        bucket.overageRate = orTemplate("overageRate", request.overageRate(), unitType.overageRate);
        bucket.startsAt = request.startsAt() != null ? request.startsAt()
                : bucket.startsAt != null ? bucket.startsAt : now;
        bucket.endsAt = request.endsAt();
        if (bucket.endsAt != null && !bucket.endsAt.isAfter(bucket.startsAt)) {
            throw ProblemException.invalidField("endsAt", "must be after startsAt (" + bucket.startsAt + ")");
        }
        bucket.reviewed = request.reviewed() == null || request.reviewed();
        bucket.enabled = request.enabled() == null || request.enabled();
        bucket.updatedAt = now;
    }

    private static java.math.BigDecimal orTemplate(String field, java.math.BigDecimal given,
            java.math.BigDecimal template) {
        if (given == null && template == null) {
            throw ProblemException.invalidField(field, "is required: the unit type's template has no " + field);
        }
        return given != null ? given : template;
    }

    /** One asset per meter in one bucket, and one unbound bucket per client and meter at a time. */
    private Uni<Void> requireCountable(Bucket bucket, List<String> assets) {
        Uni<Void> assetsFree = assets.isEmpty() ? Uni.createFrom().voidItem()
                : BucketAsset.<BucketAsset> find("meter = ?1 and asset in ?2 and bucketId <> ?3", bucket.meter,
                        assets, bucket.id).firstResult().invoke(taken -> {
                            if (taken != null) {
                                throw ProblemException.conflict("Asset " + taken.asset + " already counts in bucket "
                                        + taken.bucketId + " for meter " + bucket.meter
                                        + "; unbind it there first. An asset counts in one bucket per meter.");
                            }
                        }).replaceWithVoid();
        if (!assets.isEmpty()) {
            return assetsFree;
        }
        return Bucket.<Bucket> find("clientId = ?1 and meter = ?2 and id <> ?3", bucket.clientId, bucket.meter,
                bucket.id).list().chain(others -> {
                    List<UUID> overlapping = others.stream()
                            .filter(other -> other.overlaps(bucket.startsAt,
                                    bucket.endsAt == null ? Instant.MAX : bucket.endsAt))
                            .map(other -> other.id).toList();
                    if (overlapping.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    return BucketAsset.<BucketAsset> find("bucketId in ?1", overlapping).list().invoke(bound -> {
                        java.util.Set<UUID> withAssets = bound.stream().map(b -> b.bucketId)
                                .collect(Collectors.toSet());
                        overlapping.stream().filter(other -> !withAssets.contains(other)).findFirst()
                                .ifPresent(other -> {
                                    throw ProblemException.conflict("Bucket " + other + " already counts this "
                                            + "client's unbound usage of meter " + bucket.meter + " at that time; "
                                            + "bind this bucket to assets, or end the other one first.");
                                });
                    }).replaceWithVoid();
                });
    }

    private Uni<Void> bind(Bucket bucket, List<String> assets, Instant now) {
        if (assets.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<BucketAsset> bindings = new ArrayList<>();
        for (String asset : assets) {
            BucketAsset binding = new BucketAsset();
            binding.bucketId = bucket.id;
            binding.asset = asset;
            binding.meter = bucket.meter;
            binding.boundAt = now;
            bindings.add(binding);
        }
        return BucketAsset.persist(bindings);
    }

    private Uni<BucketView> view(Bucket bucket) {
        return views(List.of(bucket)).map(list -> list.get(0));
    }

    /** Views for a page of buckets, with their clients, unit types and bindings read in one query each. */
    private Uni<List<BucketView>> views(List<Bucket> buckets) {
        if (buckets.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<UUID> ids = buckets.stream().map(b -> b.id).toList();
        List<UUID> clientIds = buckets.stream().map(b -> b.clientId).distinct().toList();
        List<UUID> unitTypeIds = buckets.stream().map(b -> b.unitTypeId).distinct().toList();
        return Client.<Client> list("id in ?1", clientIds).chain(clients -> UnitType.<UnitType> list("id in ?1",
                unitTypeIds).chain(unitTypes -> BucketAsset.<BucketAsset> list("bucketId in ?1 order by asset", ids)
                        .map(bindings -> {
                            Map<UUID, Client> clientById = clients.stream()
                                    .collect(Collectors.toMap(c -> c.id, c -> c));
                            Map<UUID, UnitType> unitTypeById = unitTypes.stream()
                                    .collect(Collectors.toMap(u -> u.id, u -> u));
                            Map<UUID, List<String>> assets = bindings.stream().collect(Collectors.groupingBy(
                                    b -> b.bucketId, Collectors.mapping(b -> b.asset, Collectors.toList())));
                            return buckets.stream().map(b -> {
                                Client client = clientById.get(b.clientId);
                                UnitType unitType = unitTypeById.get(b.unitTypeId);
                                return new BucketView(b.id, b.clientId, client.externalId, b.unitTypeId,
                                        unitType.name, b.meter, unitType.aggregation, b.name, b.sourceType,
                                        b.commitUnits, b.basePrice, b.overageRate, client.currency, b.startsAt,
                                        b.endsAt, b.reviewed, b.enabled, b.autoProvisioned,
                                        assets.getOrDefault(b.id, List.of()), b.createdAt, b.updatedAt, b.version);
                            }).toList();
                        })));
    }

    private Uni<Void> announce(Actor actor, String action, BucketView old, BucketView now) {
        BucketChanged event = new BucketChanged(BucketChanged.SCHEMA_VERSION, now.id(), now.version(), now.client(),
                now.clientExternalId(), now.unitType(), now.meter(), now.name(), now.sourceType(), now.commitUnits(),
                now.basePrice(), now.overageRate(), now.currency(), now.startsAt(), now.endsAt(), now.reviewed(),
                now.enabled(), now.assets());
        return changes.auditedAndAnnounced(actor, action, TABLE, now.id(), old, now, new Announcement(
                Topics.BILLING_EVENTS, BillingEvents.clientKey(now.client()), BillingEvents.BUCKET_CHANGED,
                now.clientExternalId(), event));
    }
}
