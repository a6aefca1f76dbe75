package io.meterline.rating;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rates a plan's charges over a period's usage. Usage is summed per charge and selected price before rating, so tiers
 * apply to the period's total, not to each usage row. A charge without usage is still rated at zero when it has a
 * default price, so that flat fees and commit base prices are charged. Plan-level discounts (the plan's, and the
 * client's negotiated ones) then apply to the sum of the charges' totals, in the engine's order.
 */
public final class PlanRater {

    private PlanRater() {
    }

    public static PlanRating rate(RatingCurrency currency, List<Charge> charges, List<UsageQuantity> usage,
            List<Discount> planDiscounts, BigDecimal periodFraction, Instant at) {
        Map<String, Charge> byMeter = new HashMap<>();
        for (Charge charge : charges) {
            byMeter.putIfAbsent(charge.meter(), charge);
        }
        Map<GroupKey, Group> groups = new LinkedHashMap<>();
        List<UnpricedUsage> unpriced = new ArrayList<>();
        for (UsageQuantity row : usage) {
            Charge charge = byMeter.get(row.meter());
            if (charge == null) {
                unpriced.add(new UnpricedUsage(row.meter(), row.dimensions(), row.quantity(),
                        "the plan has no charge on meter " + row.meter()));
                continue;
            }
            Optional<PriceSelection> selection = charge.pricing().select(row.dimensions());
            if (selection.isEmpty()) {
                unpriced.add(new UnpricedUsage(row.meter(), row.dimensions(), row.quantity(),
                        "no price of charge " + charge.key() + " matches these dimensions, and it has no default price"));
                continue;
            }
            groups.computeIfAbsent(new GroupKey(charge.key(), selection.get().ruleIndex()),
                    k -> new Group(charge, selection.get())).add(row.quantity());
        }
        List<ChargeRating> ratings = new ArrayList<>(groups.size() + charges.size());
        java.util.Set<String> used = new java.util.HashSet<>();
        groups.keySet().forEach(k -> used.add(k.chargeKey()));
        for (Charge charge : charges) {
            if (!used.contains(charge.key()) && charge.pricing().defaultPrice() != null) {
                PriceSelection selection = new PriceSelection(PriceSelection.DEFAULT, Map.of(),
                        charge.pricing().defaultPrice());
                groups.put(new GroupKey(charge.key(), PriceSelection.DEFAULT), new Group(charge, selection));
            }
        }
        BigDecimal subtotal = currency.zero();
        for (Group group : groups.values()) {
            Rating rating = RatingEngine.rate(new RatingRequest(currency, group.quantity, group.selection.price(),
                    group.charge.discounts(), periodFraction, at));
            ratings.add(new ChargeRating(group.charge.key(), group.charge.meter(), group.charge.description(),
                    group.selection, group.quantity, rating));
            subtotal = subtotal.add(rating.total());
        }
        List<AppliedDiscount> applied = new ArrayList<>();
        BigDecimal total = RatingEngine.applyDiscounts(planDiscounts, at, currency, subtotal, applied);
        return new PlanRating(currency, ratings, unpriced, subtotal, applied, subtotal.subtract(total), total);
    }

    private record GroupKey(String chargeKey, int ruleIndex) {
    }

    private static final class Group {
        final Charge charge;
        final PriceSelection selection;
        BigDecimal quantity = BigDecimal.ZERO;

        Group(Charge charge, PriceSelection selection) {
            this.charge = charge;
            this.selection = selection;
        }

        void add(BigDecimal more) {
            quantity = quantity.add(more);
        }
    }
}
