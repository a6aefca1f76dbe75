package io.meterline.billing.runs;

import static io.meterline.platform.reactive.Await.await;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.meterline.billing.clients.Client;
import io.meterline.billing.subscriptions.Subscription;
import io.meterline.billing.usage.PricingClient;
import io.meterline.contracts.catalog.ChargeSpec;
import io.meterline.contracts.catalog.PlanVersionPublished;
import io.meterline.contracts.catalog.PublishedCatalog;
import io.meterline.contracts.catalog.RatablePlan;
import io.meterline.platform.paging.Page;
import io.meterline.platform.paging.PageRequest;
import io.meterline.platform.paging.SortOrder;
import io.meterline.platform.problem.ProblemException;
import io.meterline.platform.security.Actor;
import io.meterline.rating.invoicing.LateUsageCorrections;
import io.meterline.rating.invoicing.PeriodBill;
import io.meterline.rating.invoicing.PeriodBiller;
import io.meterline.rating.invoicing.PeriodInputs;
import io.meterline.rating.invoicing.PlanTerms;
import io.meterline.rating.periods.BillingPeriod;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Backtests: a past period re-rated for every client on a price plan (or some) under a candidate (a published
 * version, or the draft), beside what the plans in effect give. The same reads and the same {@link PeriodBiller} as a
 * run; nothing is written but the result. Blocking (metering and pricing over REST): call it on a worker thread.
 */
@ApplicationScoped
public class BacktestService {

    static final int MAX_CLIENTS = 10_000;

    /** The stored columns the backtests screen sorts by (the rest of a backtest is its JSON result). */
    public static final Set<String> SORTABLE = Set.of("createdAt", "period", "requestedBy");
    /** Newest first, as the list always was. */
    public static final String DEFAULT_SORT = "-createdAt";

    @Inject
    PeriodUsage periodUsage;

    @Inject
    @RestClient
    PricingClient pricing;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    public BacktestResult run(BacktestRequest request, Actor actor) {
        UUID planId = planId(request);
        YearMonth month = month(request.period());
        List<UUID> wanted = clientIds(request);
        Loaded loaded = await(() -> Panache.withSession(() -> load(planId, wanted)));
        if (loaded.clientIds().isEmpty()) {
            return store(request, planId, "", month, actor, List.of());
        }
        String name = loaded.catalog().priceVersionAt(planId, Instant.MAX).map(v -> v.name()).orElse(null);
        Candidate candidate = candidate(planId, request.version(), loaded.catalog());
        PeriodInputsBuilder builder = new PeriodInputsBuilder(loaded.chunk(), loaded.catalog());
        List<BacktestResult.ClientResult> results = new ArrayList<>();
        for (UUID id : loaded.clientIds()) {
            results.add(backtest(loaded.chunk().clients.get(id), month, loaded.chunk(), loaded.catalog(), builder,
                    planId, candidate));
        }
        return store(request, planId, name != null ? name : candidate.name(), month, actor, results);
    }

    private record Loaded(List<UUID> clientIds, ClientChunk chunk, PublishedCatalog catalog) {
    }

    private record Candidate(String label, String name, String currency, String client, List<ChargeSpec> charges) {
    }

    private Uni<Loaded> load(UUID planId, List<UUID> wanted) {
        Uni<List<UUID>> ids = wanted.isEmpty()
                ? Subscription.<Subscription> list("pricePlanId", planId).map(subs -> {
                    Set<UUID> distinct = new LinkedHashSet<>();
                    subs.forEach(s -> distinct.add(s.clientId));
                    return List.copyOf(distinct);
                })
                : Client.<Client> list("id in ?1", wanted).map(found -> {
                    if (found.size() < new LinkedHashSet<>(wanted).size()) {
                        Set<UUID> unknown = new LinkedHashSet<>(wanted);
                        found.forEach(c -> unknown.remove(c.id));
                        throw ProblemException.invalidField("clients", "no client " + unknown.iterator().next());
                    }
                    return List.copyOf(new LinkedHashSet<>(wanted));
                });
        return ids.chain(list -> {
            if (list.size() > MAX_CLIENTS) {
                throw ProblemException.invalidField("clients", "a backtest covers at most " + MAX_CLIENTS
                        + " clients; name some");
            }
            return ClientChunk.load(list).chain(chunk -> CatalogSnapshot.load(json)
                    .map(catalog -> new Loaded(list, chunk, catalog)));
        });
    }

    /** The candidate's charges: a published version from billing's catalog, or the draft from pricing-service. */
    private Candidate candidate(UUID planId, Integer version, PublishedCatalog catalog) {
        if (version != null) {
            PlanVersionPublished found = catalog.priceVersion(planId, version).orElseThrow(() -> ProblemException
                    .invalidField("version", "price plan " + planId + " has no published version " + version));
            return new Candidate("version " + version, found.name(), found.currency(), found.client(),
                    found.charges());
        }
        PricingClient.Plan plan;
        try {
            plan = pricing.plan(planId);
        } catch (jakarta.ws.rs.WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                throw ProblemException.invalidField("pricePlan", "pricing-service has no price plan " + planId);
            }
            throw new ProblemException(502, io.meterline.platform.problem.ProblemTypes.HTTP, "Bad gateway",
                    "pricing-service answered " + e.getResponse().getStatus() + " for the plan's draft", List.of());
        }
        if (plan.draft() == null || plan.draft().charges() == null || plan.draft().charges().isEmpty()) {
            throw ProblemException.invalidField("pricePlan", "the plan's draft has no charges to backtest");
        }
        return new Candidate("draft", plan.name(), plan.currency(), plan.client(), plan.draft().charges());
    }

    private BacktestResult.ClientResult backtest(Client client, YearMonth month, ClientChunk chunk,
            PublishedCatalog catalog, PeriodInputsBuilder builder, UUID planId, Candidate candidate) {
        Optional<BillingPeriod> period = periodStartingIn(client, month);
        if (period.isEmpty()) {
            return failed(client, "not billed in a period that starts in " + month);
        }
        if (!candidate.currency().equals(client.currency)) {
            return failed(client, "the candidate is priced in " + candidate.currency() + ", the client billed in "
                    + client.currency);
        }
        BillingPeriod p = period.get();
        try {
            PeriodUsage.Read read = periodUsage.read(chunk, builder, p.start(), p.end(), List.of(client.id));
            PeriodInputs current = builder.inputs(client, p, read.rows().getOrDefault(client.externalId, List.of()),
                    read.wholeRows().getOrDefault(client.externalId, List.of()), List.of(), BigDecimal.ZERO);
            // Only the charges change: the plan's, its charges' and the client's discounts stay.
            RatablePlan ratable = catalog.ratable(planId, candidate.currency(), candidate.charges(),
                    client.externalId);
            List<PlanTerms> swapped = current.plans().stream().map(t -> !t.planId().equals(planId) ? t
                    : new PlanTerms(t.subscriptionId(), t.planId(), t.version(), t.planName(), ratable.charges(),
                            ratable.planDiscounts(), t.startsAt(), t.endsAt(), t.billMetersWithBuckets())).toList();
            PeriodInputs trial = new PeriodInputs(current.currency(), p, current.buckets(), swapped,
                    current.costCharges(), current.clientUsage(), List.of(), BigDecimal.ZERO);
            PeriodBill now = PeriodBiller.bill(current);
            PeriodBill then = PeriodBiller.bill(trial);
            BigDecimal revenueNow = LateUsageCorrections.billedForPeriod(now.lines());
            BigDecimal revenueThen = LateUsageCorrections.billedForPeriod(then.lines());
            BigDecimal marginNow = revenueNow.subtract(now.cost());
            BigDecimal marginThen = revenueThen.subtract(then.cost());
            return new BacktestResult.ClientResult(client.id, client.externalId, client.currency, p.start(), p.end(),
                    revenueNow, revenueThen, revenueThen.subtract(revenueNow), now.cost(), then.cost(), marginNow,
                    marginThen, marginThen.subtract(marginNow), null);
        } catch (RuntimeException e) {
            return failed(client, BillingRunWorker.reason(e));
        }
    }

    private static BacktestResult.ClientResult failed(Client client, String reason) {
        return new BacktestResult.ClientResult(client.id, client.externalId, client.currency, null, null, null, null,
                null, null, null, null, null, null, reason);
    }

    /** The client's period that starts in {@code month}, in its own time zone. */
    private static Optional<BillingPeriod> periodStartingIn(Client client, YearMonth month) {
        Instant boundary = client.periods().boundaryIn(month);
        return client.periods().containing(boundary).or(() -> client.periods().containing(client.startsAt))
                .filter(p -> YearMonth.from(p.start().atZone(ZoneId.of(client.timeZone))).equals(month));
    }

    private BacktestResult store(BacktestRequest request, UUID planId, String name, YearMonth month, Actor actor,
            List<BacktestResult.ClientResult> clients) {
        BacktestResult result = new BacktestResult(UUID.randomUUID(), planId, name,
                request.version() == null ? "draft" : "version " + request.version(), month.toString(),
                clock.instant(), actor.id(), clients);
        Backtest row = new Backtest();
        row.id = result.id();
        row.pricePlan = planId;
        row.version = request.version();
        row.period = month.toString();
        row.requestedBy = actor.id();
        row.createdAt = result.createdAt();
        try {
            row.result = json.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        await(() -> Panache.withTransaction(row::persist));
        return result;
    }

    public BacktestResult get(UUID id) {
        Backtest row = await(() -> Panache.withSession(() -> Backtest.<Backtest> findById(id)));
        if (row == null) {
            throw ProblemException.notFound("No backtest " + id + ".");
        }
        return read(row);
    }

    public Page<BacktestResult> list(SortOrder order, PageRequest page) {
        List<Backtest> rows = await(() -> Panache.withSession(() -> Backtest.<Backtest> findAll(
                order.toPanache(Map.of(), "id")).page(page.page(), page.size()).list()));
        long total = await(() -> Panache.withSession(() -> Backtest.count()));
        return new Page<>(rows.stream().map(this::read).toList(), page.page(), page.size(), total);
    }

    private BacktestResult read(Backtest row) {
        try {
            return json.readValue(row.result, BacktestResult.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static UUID planId(BacktestRequest request) {
        try {
            return UUID.fromString(request.pricePlan());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.invalidField("pricePlan", "is required: a price plan id");
        }
    }

    private static YearMonth month(String period) {
        try {
            return YearMonth.parse(period == null ? "" : period);
        } catch (java.time.format.DateTimeParseException e) {
            throw ProblemException.invalidField("period", "is required, as YYYY-MM such as 2026-10");
        }
    }

    private static List<UUID> clientIds(BacktestRequest request) {
        List<UUID> ids = new ArrayList<>();
        List<String> given = request.clients() == null ? List.of() : request.clients();
        for (int i = 0; i < given.size(); i++) {
            try {
                ids.add(UUID.fromString(given.get(i)));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw ProblemException.invalidField("clients[" + i + "]", "is not a client id");
            }
        }
        return ids;
    }
}
