package io.meterline.billing.subscriptions;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.meterline.billing.catalog.PlanVersion;
import io.meterline.billing.clients.Client;
import io.meterline.contracts.Topics;
import io.meterline.contracts.billing.BillingEvents;
import io.meterline.contracts.billing.SubscriptionChanged;
import io.meterline.platform.audit.ChangeRecorder;
import io.meterline.platform.paging.Page;
import io.meterline.platform.paging.PageRequest;
import io.meterline.platform.paging.PanachePages;
import io.meterline.platform.paging.SortOrder;
import io.meterline.platform.problem.ProblemException;
import io.meterline.platform.security.Actor;
import io.meterline.platform.outbox.Announcement;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Subscriptions of clients to price plans: checked against the catalog, audited and announced. */
@ApplicationScoped
public class SubscriptionService {

    static final String TABLE = "subscription";

    /** The columns the subscriptions screen sorts by, as the API names them. */
    public static final Set<String> SORTABLE = Set.of("client", "startsAt", "endsAt", "billMetersWithBuckets",
            "createdAt", "updatedAt");
    /** By start, as the list always was. */
    public static final String DEFAULT_SORT = "startsAt";
    /** The sortable fields whose entity property has another name. */
    static final Map<String, String> PROPERTIES = Map.of("client", "clientId");

    @Inject
    ChangeRecorder changes;

    @Inject
    Clock clock;

    @WithSession
    public Uni<Page<SubscriptionView>> list(UUID client, SortOrder order, PageRequest page) {
        Sort sort = order.toPanache(PROPERTIES, "id");
        PanacheQuery<Subscription> query = client == null ? Subscription.findAll(sort)
                : Subscription.find("clientId", sort, client);
        return PanachePages.readAll(query, page, list -> io.smallrye.mutiny.Multi.createFrom().iterable(list)
                .onItem().transformToUniAndConcatenate(this::view).collect().asList());
    }

    @WithSession
    public Uni<SubscriptionView> get(UUID id) {
        return require(id).chain(this::view);
    }

    @WithTransaction
    public Uni<SubscriptionView> create(SubscriptionRequest request, Actor actor) {
        request.validate();
        Instant now = clock.instant();
        Subscription subscription = new Subscription();
        subscription.id = UUID.randomUUID();
        subscription.clientId = SubscriptionRequest.uuid(request.client());
        subscription.pricePlanId = SubscriptionRequest.uuid(request.pricePlan());
        subscription.createdAt = now;
        apply(subscription, request, now);
        return check(subscription).chain(() -> subscription.<Subscription> persist()).call(Panache::flush)
                .chain(this::view).call(created -> announce(actor, "create", null, created));
    }

    /** Changes the window or the overlap rule; the client and plan stay (a plan change is a new subscription). */
    @WithTransaction
    public Uni<SubscriptionView> replace(UUID id, SubscriptionRequest request, Actor actor) {
        request.validate();
        return require(id).chain(subscription -> view(subscription).chain(old -> {
            if (!subscription.clientId.equals(SubscriptionRequest.uuid(request.client()))
                    || !subscription.pricePlanId.equals(SubscriptionRequest.uuid(request.pricePlan()))) {
                throw ProblemException.conflict("A subscription keeps its client and price plan. To change plans, "
                        + "end this subscription and create another that starts where it ends.");
            }
            apply(subscription, request, clock.instant());
            return check(subscription).call(Panache::flush).chain(() -> view(subscription))
                    .call(updated -> announce(actor, "update", old, updated));
        }));
    }

    private static void apply(Subscription subscription, SubscriptionRequest request, Instant now) {
        subscription.startsAt = request.startsAt() != null ? request.startsAt()
                : subscription.startsAt != null ? subscription.startsAt : now;
        subscription.endsAt = request.endsAt();
        if (subscription.endsAt != null && !subscription.endsAt.isAfter(subscription.startsAt)) {
            throw ProblemException.invalidField("endsAt", "must be after startsAt (" + subscription.startsAt + ")");
        }
        subscription.billMetersWithBuckets = Boolean.TRUE.equals(request.billMetersWithBuckets());
        subscription.updatedAt = now;
    }

    /** The client exists, the plan is a published price plan in its currency and for it, and no overlap. */
    private Uni<Void> check(Subscription subscription) {
        return Client.<Client> findById(subscription.clientId).chain(client -> {
            if (client == null) {
                throw ProblemException.invalidField("client", "no client " + subscription.clientId);
            }
            return latestVersion(subscription.pricePlanId).chain(plan -> {
                if (plan == null) {
                    throw ProblemException.invalidField("pricePlan", "billing has no published version of price "
                            + "plan " + subscription.pricePlanId + "; publish it first (the catalog reaches billing "
                            + "within seconds)");
                }
                if (!plan.currency.equals(client.currency)) {
                    throw ProblemException.invalidField("pricePlan", "is priced in " + plan.currency
                            + ", but client " + client.externalId + " is billed in " + client.currency);
                }
                if (plan.client != null && !plan.client.equals(client.externalId)) {
                    throw ProblemException.invalidField("pricePlan", "holds the negotiated terms of client "
                            + plan.client);
                }
                return Subscription.<Subscription> list("clientId = ?1 and pricePlanId = ?2 and id <> ?3",
                        subscription.clientId, subscription.pricePlanId, subscription.id);
            }).invoke(others -> others.stream().filter(o -> o.overlaps(subscription.startsAt,
                    subscription.endsAt == null ? Instant.MAX : subscription.endsAt)).findFirst().ifPresent(o -> {
                        throw ProblemException.conflict("Subscription " + o.id + " already puts this client on "
                                + "the plan from " + o.startsAt + (o.endsAt == null ? "" : " to " + o.endsAt)
                                + "; end it first, or start this one after it.");
                    })).replaceWithVoid();
        });
    }

    private static Uni<PlanVersion> latestVersion(UUID planId) {
        return PlanVersion.<PlanVersion> find("planId = ?1 and kind = 'PRICE'", Sort.descending("version"), planId)
                .firstResult();
    }

    public static Uni<Subscription> require(UUID id) {
        return Subscription.<Subscription> findById(id).map(found -> {
            if (found == null) {
                throw ProblemException.notFound("No subscription " + id + ".");
            }
            return found;
        });
    }

    private Uni<SubscriptionView> view(Subscription s) {
        return Client.<Client> findById(s.clientId).chain(client -> latestVersion(s.pricePlanId)
                .map(plan -> new SubscriptionView(s.id, s.clientId, client.externalId, s.pricePlanId,
                        plan == null ? null : plan.name, client.currency, s.startsAt, s.endsAt,
                        s.billMetersWithBuckets, s.createdAt, s.updatedAt, s.version)));
    }

    private Uni<Void> announce(Actor actor, String action, SubscriptionView old, SubscriptionView now) {
        SubscriptionChanged event = new SubscriptionChanged(SubscriptionChanged.SCHEMA_VERSION, now.id(),
                now.version(), now.client(), now.clientExternalId(), now.pricePlan(), now.startsAt(), now.endsAt(),
                now.billMetersWithBuckets());
        return changes.auditedAndAnnounced(actor, action, TABLE, now.id(), old, now, new Announcement(
                Topics.BILLING_EVENTS, BillingEvents.clientKey(now.client()), BillingEvents.SUBSCRIPTION_CHANGED,
                now.clientExternalId(), event));
    }
}
