package io.meterline.pricing.quotes;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.meterline.contracts.catalog.RatablePlan;
import io.meterline.platform.problem.ProblemException;
import io.meterline.pricing.discounts.DiscountView;
import io.meterline.pricing.discounts.DiscountService;
import io.meterline.pricing.plans.PlanKind;
import io.meterline.pricing.plans.PlansInEffect;
import io.meterline.pricing.plans.PlanVersion;
import io.meterline.pricing.rate.RatingView;
import io.meterline.rating.Charge;
import io.meterline.rating.ChargeRating;
import io.meterline.rating.PlanRater;
import io.meterline.rating.PlanRating;
import io.meterline.rating.RatingCurrency;
import io.meterline.rating.UnpricedUsage;
import io.meterline.rating.UsageQuantity;
import io.smallrye.mutiny.Uni;
import io.quarkus.hibernate.reactive.panache.common.WithSession;

/**
 * Quotes usage under the price plan version in effect, and costs the same usage under the cost-rate plans in effect:
 * revenue and cost from the same usage, by the same engine, so the margin is consistent.
 */
@ApplicationScoped
public class QuoteService {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    @Inject
    PlansInEffect plans;

    @Inject
    DiscountService discounts;

    @Inject
    Clock clock;

    @WithSession
    public Uni<Quote> quote(UUID planId, QuoteRequest request) {
        List<UsageQuantity> usage = request.validatedUsage();
        Instant at = request.at() != null ? request.at() : clock.instant();
        BigDecimal fraction = request.periodFraction() != null ? request.periodFraction() : BigDecimal.ONE;
        return plans.pricePlan(planId).chain(plan -> {
            if (plan == null) {
                throw ProblemException.notFound("No price plan " + planId + ".");
            }
            if (plan.client != null && request.client() != null && !plan.client.equals(request.client())) {
                throw ProblemException.invalidField("client", "this plan holds the negotiated terms of client "
                        + plan.client);
            }
            String client = request.client() != null ? request.client() : plan.client;
            return plans.versionInEffect(planId, at).chain(version -> {
                if (version == null) {
                    throw ProblemException.conflict("The price plan " + planId + " has no version in effect at " + at
                            + ". Publish one, or quote at a later instant.");
                }
                return discounts.applicable(planId, client).chain(applicable -> plans
                        .versionsInEffect(PlanKind.COST, version.currency(), at)
                        .map(costs -> build(version, client, at, fraction, usage, applicable, costs)));
            });
        });
    }

    static Quote build(PlanVersion version, String client, Instant at, BigDecimal fraction, List<UsageQuantity> usage,
            List<DiscountView> applicable, List<PlanVersion> costVersions) {
        RatingCurrency currency = RatingCurrency.of(version.currency());
        RatablePlan plan = RatablePlan.of(version.currency(), version.charges(),
                applicable.stream().map(DiscountView::toEvent).toList());
        PlanRating revenue = PlanRater.rate(currency, plan.charges(), usage, plan.planDiscounts(), fraction, at);

        List<Quote.PlanRef> costRefs = costVersions.stream()
                .map(cost -> new Quote.PlanRef(cost.planId(), cost.name(), cost.version())).toList();
        List<Charge> costCharges = RatablePlan.costCharges(costVersions.stream().map(PlanVersion::charges).toList());
        PlanRating cost = PlanRater.rate(currency, costCharges, usage, List.of(), fraction, at);

        Map<String, BigDecimal[]> byMeter = new LinkedHashMap<>();
        for (ChargeRating r : revenue.charges()) {
            byMeter.computeIfAbsent(r.meter(), m -> zeros(currency))[0] = byMeter.get(r.meter())[0].add(r.rating().total());
        }
        for (ChargeRating r : cost.charges()) {
            byMeter.computeIfAbsent(r.meter(), m -> zeros(currency))[1] = byMeter.get(r.meter())[1].add(r.rating().total());
        }
        List<Quote.Line> lines = new ArrayList<>();
        byMeter.forEach((meter, amounts) -> lines.add(new Quote.Line(meter, amounts[0], amounts[1],
                amounts[0].subtract(amounts[1]), percent(amounts[0].subtract(amounts[1]), amounts[0]))));
        BigDecimal margin = revenue.total().subtract(cost.total());
        return new Quote(version.planId(), version.name(), version.version(), currency.code(), client, at, lines,
                new Quote.Revenue(revenue.subtotal(), revenue.discountTotal(), revenue.total(),
                        revenue.discounts().stream().map(RatingView::discountLine).toList()),
                cost.total(), margin, percent(margin, revenue.total()),
                chargeLines(revenue), chargeLines(cost), costRefs,
                unpriced(revenue.unpriced()), unpriced(cost.unpriced()));
    }

    private static BigDecimal[] zeros(RatingCurrency currency) {
        return new BigDecimal[] { currency.zero(), currency.zero() };
    }

    private static BigDecimal percent(BigDecimal part, BigDecimal whole) {
        return whole.signum() == 0 ? null : part.multiply(HUNDRED).divide(whole, 2, RoundingMode.HALF_UP);
    }

    private static List<Quote.ChargeLine> chargeLines(PlanRating rating) {
        return rating.charges().stream().map(c -> new Quote.ChargeLine(c.chargeKey(), c.meter(), c.description(),
                c.selection().isDefault() ? null : c.selection().match(), c.quantity(), RatingView.of(c.rating())))
                .toList();
    }

    private static List<Quote.Unpriced> unpriced(List<UnpricedUsage> rows) {
        return rows.stream().map(u -> new Quote.Unpriced(u.meter(), u.dimensions(), u.quantity(), u.reason())).toList();
    }
}
