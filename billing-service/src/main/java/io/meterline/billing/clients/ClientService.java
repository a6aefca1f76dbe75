package io.meterline.billing.clients;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.meterline.contracts.Topics;
import io.meterline.contracts.billing.BillingEvents;
import io.meterline.contracts.billing.ClientChanged;
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

/** Clients: created, replaced and disabled by admins, each change audited and announced in its own transaction. */
@ApplicationScoped
public class ClientService {

    private static final Logger LOG = Logger.getLogger(ClientService.class);
    static final String TABLE = "client";

    /** The columns the clients screen sorts by, as the API names them. */
    public static final Set<String> SORTABLE = Set.of("name", "externalId", "currency", "timeZone", "startsAt",
            "endsAt", "gracePeriod", "paymentTermsDays", "enabled", "createdAt", "updatedAt");
    /** By name, as the list always was. */
    public static final String DEFAULT_SORT = "name";
    /** The sortable fields whose entity property has another name. */
    static final Map<String, String> PROPERTIES = Map.of("gracePeriod", "gracePeriodSeconds");

    @Inject
    ChangeRecorder changes;

    @Inject
    Clock clock;

    /** Clients in {@code order}; {@code search} matches the name or the external id, case-insensitively. */
    @WithSession
    public Uni<Page<ClientView>> list(String search, String externalId, Boolean enabled, SortOrder order,
            PageRequest page) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (search != null && !search.isBlank()) {
            where.append(" and (lower(name) like :search or lower(externalId) like :search)");
            params.put("search", "%" + search.toLowerCase(java.util.Locale.ROOT).replace("%", "\\%") + "%");
        }
        if (externalId != null) {
            where.append(" and externalId = :externalId");
            params.put("externalId", externalId);
        }
        if (enabled != null) {
            where.append(" and enabled = :enabled");
            params.put("enabled", enabled);
        }
        PanacheQuery<Client> query = Client.<Client> find(where.toString(), order.toPanache(PROPERTIES, "id"), params)
                .page(io.quarkus.panache.common.Page.of(page.page(), page.size()));
        return query.list().chain(items -> query.count()
                .map(total -> new Page<>(items.stream().map(ClientView::of).toList(), page.page(), page.size(),
                        total)));
    }

    @WithSession
    public Uni<ClientView> get(UUID id) {
        return require(id).map(ClientView::of);
    }

    @WithTransaction
    public Uni<ClientView> create(ClientRequest request, Actor actor) {
        request.validate();
        Instant now = clock.instant();
        Client client = new Client();
        client.id = UUID.randomUUID();
        client.createdAt = now;
        apply(client, request, now);
        return requireFreeExternalId(request.externalId(), null)
                .chain(() -> client.<Client> persist())
                .call(Panache::flush)
                .map(ClientView::of)
                .call(created -> announce(actor, "create", null, created))
                .invoke(created -> LOG.debugf("Created client %s (%s)", created.externalId(), created.id()));
    }

    @WithTransaction
    public Uni<ClientView> replace(UUID id, ClientRequest request, Actor actor) {
        request.validate();
        return require(id).chain(client -> {
            ClientView old = ClientView.of(client);
            return requireFreeExternalId(request.externalId(), id)
                    .invoke(() -> apply(client, request, clock.instant()))
                    .call(Panache::flush)
                    .map(ignored -> ClientView.of(client))
                    .call(updated -> announce(actor, "update", old, updated));
        }).invoke(updated -> LOG.debugf("Updated client %s (%s)", updated.externalId(), updated.id()));
    }

    /** The client, for other billing features; a 404 names it when it does not exist. */
    public static Uni<Client> require(UUID id) {
        return Client.<Client> findById(id).map(found -> {
            if (found == null) {
                throw ProblemException.notFound("No client " + id + ".");
            }
            return found;
        });
    }

    private void apply(Client client, ClientRequest request, Instant now) {
        client.name = request.name().trim();
        client.externalId = request.externalId();
        client.currency = request.currency();
        client.timeZone = request.timeZone();
        client.cycleType = request.cycleOrDefault().type();
        client.anchorDay = request.cycleOrDefault().anchorDay();
        client.startsAt = request.startsAt() != null ? request.startsAt()
                : client.startsAt != null ? client.startsAt : now;
        client.endsAt = request.endsAt();
        client.gracePeriodSeconds = request.gracePeriodOrDefault().getSeconds();
        client.paymentTermsDays = request.paymentTermsOrDefault();
        client.enabled = request.enabledOrDefault();
        client.stripeCustomerId = request.stripeCustomerId();
        client.updatedAt = now;
        if (client.endsAt != null && !client.endsAt.isAfter(client.startsAt)) {
            throw ProblemException.invalidField("endsAt", "must be after startsAt (" + client.startsAt + ")");
        }
    }

    private Uni<Void> requireFreeExternalId(String externalId, UUID except) {
        return Client.<Client> find("externalId", externalId).firstResult().invoke(other -> {
            if (other != null && !other.id.equals(except)) {
                throw ProblemException.conflict("The externalId '" + externalId + "' belongs to client " + other.id
                        + " (" + other.name + "); each customer on usage events is billed as one client.");
            }
        }).replaceWithVoid();
    }

    private Uni<Void> announce(Actor actor, String action, ClientView old, ClientView now) {
        ClientChanged event = new ClientChanged(ClientChanged.SCHEMA_VERSION, now.id(), now.version(),
                now.externalId(), now.name(), now.currency(), now.timeZone(), now.enabled(), now.startsAt(),
                now.endsAt(), now.billingCycle());
        return changes.auditedAndAnnounced(actor, action, TABLE, now.id(), old, now, new Announcement(
                Topics.BILLING_EVENTS, BillingEvents.clientKey(now.id()), BillingEvents.CLIENT_CHANGED,
                now.externalId(), event));
    }
}
