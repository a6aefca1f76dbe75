package io.meterline.rating;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Rates a quantity under a price, in one documented order:
 * <ol>
 * <li>the model's lines;</li>
 * <li>each line rounded to the currency's minor units, HALF_UP;</li>
 * <li>subtotal = the sum of the lines;</li>
 * <li>the minimum (a true-up line) or the maximum (a cap line), both prorated and rounded, added to the lines;</li>
 * <li>percent discounts, in the order given, each on what is left and rounded HALF_UP;</li>
 * <li>amount discounts, in the order given, each at most what is left;</li>
 * <li>the total, never below zero.</li>
 * </ol>
 * Only discounts in effect at the request's instant apply. The period fraction prorates the fixed parts: a FLAT
 * amount, a COMMIT base price, the minimum and the maximum. Pure: no clock, no I/O, no shared state.
 */
public final class RatingEngine {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private RatingEngine() {
    }

    /**
     * Rates the request.
     *
     * @throws InvalidRatingInputException listing every invalid field
     */
    public static Rating rate(RatingRequest request) {
        List<Violation> violations = RatingValidation.violations(request);
        if (!violations.isEmpty()) {
            throw new InvalidRatingInputException(violations);
        }
        RatingCurrency currency = request.currency();
        BigDecimal quantity = request.quantity();
        BigDecimal fraction = request.periodFraction();
        Price price = request.price();

        List<RatedLine> lines = new ArrayList<>(4);
        CommitOutcome commit = modelLines(price.model(), quantity, fraction, currency, lines);

        BigDecimal subtotal = currency.zero();
        for (RatedLine line : lines) {
            subtotal = subtotal.add(line.amount());
        }
        if (price.minimum() != null) {
            BigDecimal minimum = currency.round(price.minimum().multiply(fraction));
            if (subtotal.compareTo(minimum) < 0) {
                lines.add(new RatedLine(RatedLine.Kind.MINIMUM_TRUE_UP, "Minimum charge of "
                        + minimum.toPlainString(), null, null, minimum.subtract(subtotal)));
                subtotal = minimum;
            }
        }
        if (price.maximum() != null) {
            BigDecimal maximum = currency.round(price.maximum().multiply(fraction));
            if (subtotal.compareTo(maximum) > 0) {
                lines.add(new RatedLine(RatedLine.Kind.MAXIMUM_CAP, "Capped at the maximum of "
                        + maximum.toPlainString(), null, null, maximum.subtract(subtotal)));
                subtotal = maximum;
            }
        }

        List<AppliedDiscount> applied = new ArrayList<>(request.discounts().size());
        BigDecimal remaining = applyDiscounts(request.discounts(), request.at(), currency, subtotal, applied);
        BigDecimal total = remaining.signum() < 0 ? currency.zero() : remaining;
        return new Rating(currency, quantity, lines, subtotal, applied, subtotal.subtract(total), total, commit);
    }

    /**
     * Applies discounts to {@code amount} in the documented order: percent discounts first, then amount discounts;
     * none takes off more than is left. Discounts not in effect at {@code at} are skipped. {@link PlanRater} uses it
     * for plan- and client-level discounts too.
     */
    public static BigDecimal applyDiscounts(List<Discount> discounts, Instant at, RatingCurrency currency,
            BigDecimal amount, List<AppliedDiscount> applied) {
        BigDecimal remaining = amount;
        for (Discount discount : discounts) {
            if (discount.type() == Discount.Type.PERCENT && discount.appliesAt(at)) {
                BigDecimal off = remaining.multiply(discount.value()).divide(HUNDRED, currency.minorUnits(),
                        RoundingMode.HALF_UP).min(remaining);
                remaining = remaining.subtract(off);
                applied.add(new AppliedDiscount(discount.label(), discount.type(), discount.value(), off));
            }
        }
        for (Discount discount : discounts) {
            if (discount.type() == Discount.Type.AMOUNT && discount.appliesAt(at)) {
                BigDecimal off = currency.round(discount.value()).min(remaining);
                remaining = remaining.subtract(off);
                applied.add(new AppliedDiscount(discount.label(), discount.type(), discount.value(), off));
            }
        }
        return remaining;
    }

    private static CommitOutcome modelLines(PriceModel model, BigDecimal quantity, BigDecimal fraction,
            RatingCurrency currency, List<RatedLine> lines) {
        if (model instanceof PriceModel.Flat flat) {
            BigDecimal amount = flat.amount().multiply(fraction);
            lines.add(new RatedLine(RatedLine.Kind.FLAT_FEE, "Flat fee", BigDecimal.ONE, amount, currency.round(amount)));
        } else if (model instanceof PriceModel.PerUnit perUnit) {
            lines.add(new RatedLine(RatedLine.Kind.USAGE, "Usage at " + perUnit.unitPrice().toPlainString() + " per unit",
                    quantity, perUnit.unitPrice(), currency.round(quantity.multiply(perUnit.unitPrice()))));
        } else if (model instanceof PriceModel.Package pack) {
            BigDecimal packages = quantity.divide(pack.packageSize(), 0, RoundingMode.CEILING);
            lines.add(new RatedLine(RatedLine.Kind.PACKAGE, "Packages of " + pack.packageSize().toPlainString()
                    + " units", packages, pack.packagePrice(), currency.round(packages.multiply(pack.packagePrice()))));
        } else if (model instanceof PriceModel.Graduated graduated) {
            graduatedLines(graduated.tiers(), quantity, currency, lines);
        } else if (model instanceof PriceModel.Volume volume) {
            volumeLines(volume.tiers(), quantity, currency, lines);
        } else if (model instanceof PriceModel.Commit commit) {
            return commitLines(commit, quantity, fraction, currency, lines);
        }
        return null;
    }

    /**
     * Each tier's units at its price. A tier's flat fee is charged once the quantity reaches into the tier (Stripe's
     * semantics): the first tier's always, a later tier's once the quantity exceeds the previous tier's upTo.
     */
    private static void graduatedLines(List<Tier> tiers, BigDecimal quantity, RatingCurrency currency,
            List<RatedLine> lines) {
        BigDecimal lower = BigDecimal.ZERO;
        for (int i = 0; i < tiers.size(); i++) {
            Tier tier = tiers.get(i);
            if (i > 0 && quantity.compareTo(lower) <= 0) {
                return;
            }
            BigDecimal top = tier.isOpenEnded() ? quantity : quantity.min(tier.upTo());
            BigDecimal units = top.subtract(lower);
            lines.add(new RatedLine(RatedLine.Kind.USAGE, tierName(i, lower, tier), units, tier.unitPrice(),
                    currency.round(units.multiply(tier.unitPrice()))));
            if (tier.flatFee() != null) {
                lines.add(new RatedLine(RatedLine.Kind.TIER_FLAT_FEE, "Tier " + (i + 1) + " flat fee", BigDecimal.ONE,
                        tier.flatFee(), currency.round(tier.flatFee())));
            }
            if (tier.isOpenEnded() || quantity.compareTo(tier.upTo()) <= 0) {
                return;
            }
            lower = tier.upTo();
        }
    }

    private static void volumeLines(List<Tier> tiers, BigDecimal quantity, RatingCurrency currency,
            List<RatedLine> lines) {
        BigDecimal lower = BigDecimal.ZERO;
        for (int i = 0; i < tiers.size(); i++) {
            Tier tier = tiers.get(i);
            if (tier.isOpenEnded() || quantity.compareTo(tier.upTo()) <= 0) {
                lines.add(new RatedLine(RatedLine.Kind.USAGE, "All units at the price of " + tierName(i, lower, tier)
                        .toLowerCase(java.util.Locale.ROOT), quantity, tier.unitPrice(),
                        currency.round(quantity.multiply(tier.unitPrice()))));
                if (tier.flatFee() != null) {
                    lines.add(new RatedLine(RatedLine.Kind.TIER_FLAT_FEE, "Tier " + (i + 1) + " flat fee",
                            BigDecimal.ONE, tier.flatFee(), currency.round(tier.flatFee())));
                }
                return;
            }
            lower = tier.upTo();
        }
    }

    private static CommitOutcome commitLines(PriceModel.Commit commit, BigDecimal quantity, BigDecimal fraction,
            RatingCurrency currency, List<RatedLine> lines) {
        BigDecimal base = commit.basePrice().multiply(fraction);
        lines.add(new RatedLine(RatedLine.Kind.COMMIT_BASE, "Commit of " + commit.commitUnits().toPlainString()
                + " units", BigDecimal.ONE, base, currency.round(base)));
        BigDecimal difference = quantity.subtract(commit.commitUnits());
        BigDecimal overage = difference.signum() > 0 ? difference : BigDecimal.ZERO;
        BigDecimal buffer = difference.signum() < 0 ? difference.negate() : BigDecimal.ZERO;
        if (overage.signum() > 0) {
            lines.add(new RatedLine(RatedLine.Kind.OVERAGE, "Overage above the commit", overage,
                    commit.overageUnitPrice(), currency.round(overage.multiply(commit.overageUnitPrice()))));
        }
        // Buffer: the money paid for unused commit, base × unused ÷ commit, rounded once.
        BigDecimal bufferAmount = base.multiply(buffer).divide(commit.commitUnits(), currency.minorUnits(),
                RoundingMode.HALF_UP);
        return new CommitOutcome(overage, buffer, bufferAmount);
    }

    private static String tierName(int index, BigDecimal lower, Tier tier) {
        String range = tier.isOpenEnded() ? "above " + lower.toPlainString()
                : (lower.signum() == 0 ? "up to " : "above " + lower.toPlainString() + " up to ")
                        + tier.upTo().toPlainString();
        return "Tier " + (index + 1) + " (" + range + ")";
    }
}
