package io.meterline.rating;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Every rule a price, a discount and a rating request must follow, each broken rule named by its field. */
public final class RatingValidation {

    private RatingValidation() {
    }

    /** The violations of a whole request; empty when it can be rated. */
    public static List<Violation> violations(RatingRequest request) {
        List<Violation> found = new ArrayList<>();
        if (request.currency() == null) {
            found.add(new Violation("currency", "is required"));
        }
        if (request.quantity() == null) {
            found.add(new Violation("quantity", "is required"));
        } else if (request.quantity().signum() < 0) {
            found.add(new Violation("quantity", "must not be negative"));
        }
        BigDecimal fraction = request.periodFraction();
        if (fraction.signum() <= 0 || fraction.compareTo(BigDecimal.ONE) > 0) {
            found.add(new Violation("periodFraction", "must be greater than 0 and at most 1"));
        }
        if (request.at() == null) {
            found.add(new Violation("at", "is required"));
        }
        found.addAll(priceViolations(request.price(), "price"));
        if (request.discounts().size() > RatingLimits.MAX_DISCOUNTS) {
            found.add(new Violation("discounts", "has " + request.discounts().size() + " discounts; at most "
                    + RatingLimits.MAX_DISCOUNTS + " apply to one rating"));
            return found;
        }
        for (int i = 0; i < request.discounts().size(); i++) {
            found.addAll(discountViolations(request.discounts().get(i), "discounts[" + i + "]"));
        }
        return found;
    }

    /** The violations of one price; {@code path} prefixes the field names (such as {@code charges[0].price}). */
    public static List<Violation> priceViolations(Price price, String path) {
        List<Violation> found = new ArrayList<>();
        if (price == null || price.model() == null) {
            found.add(new Violation(path + ".model", "is required: FLAT, PER_UNIT, PACKAGE, GRADUATED, VOLUME or COMMIT"));
            return found;
        }
        PriceModel model = price.model();
        if (model instanceof PriceModel.Flat flat) {
            nonNegative(flat.amount(), path + ".amount", found);
        } else if (model instanceof PriceModel.PerUnit perUnit) {
            nonNegative(perUnit.unitPrice(), path + ".unitPrice", found);
        } else if (model instanceof PriceModel.Package pack) {
            positive(pack.packageSize(), path + ".packageSize", found);
            nonNegative(pack.packagePrice(), path + ".packagePrice", found);
        } else if (model instanceof PriceModel.Graduated graduated) {
            tierViolations(graduated.tiers(), path + ".tiers", found);
        } else if (model instanceof PriceModel.Volume volume) {
            tierViolations(volume.tiers(), path + ".tiers", found);
        } else if (model instanceof PriceModel.Commit commit) {
            positive(commit.commitUnits(), path + ".commitUnits", found);
            nonNegative(commit.basePrice(), path + ".basePrice", found);
            nonNegative(commit.overageUnitPrice(), path + ".overageUnitPrice", found);
        }
        if (price.minimum() != null && price.minimum().signum() < 0) {
            found.add(new Violation(path + ".minimum", "must not be negative"));
        }
        if (price.maximum() != null && price.maximum().signum() < 0) {
            found.add(new Violation(path + ".maximum", "must not be negative"));
        }
        if (price.minimum() != null && price.maximum() != null && price.minimum().compareTo(price.maximum()) > 0) {
            found.add(new Violation(path + ".maximum", "must not be less than the minimum"));
        }
        return found;
    }

    /** The violations of one discount. */
    public static List<Violation> discountViolations(Discount discount, String path) {
        List<Violation> found = new ArrayList<>();
        if (discount.type() == null) {
            found.add(new Violation(path + ".type", "is required: PERCENT or AMOUNT"));
        }
        if (discount.value() == null) {
            found.add(new Violation(path + ".value", "is required"));
        } else if (discount.type() == Discount.Type.PERCENT
                && (discount.value().signum() < 0 || discount.value().compareTo(BigDecimal.valueOf(100)) > 0)) {
            found.add(new Violation(path + ".value", "a percent must be between 0 and 100"));
        } else if (discount.value().signum() < 0) {
            found.add(new Violation(path + ".value", "must not be negative"));
        }
        if (discount.validFrom() != null && discount.validUntil() != null
                && !discount.validFrom().isBefore(discount.validUntil())) {
            found.add(new Violation(path + ".validUntil", "must be after validFrom"));
        }
        return found;
    }

    private static void tierViolations(List<Tier> tiers, String path, List<Violation> found) {
        if (tiers == null || tiers.isEmpty()) {
            found.add(new Violation(path, "needs at least one tier"));
            return;
        }
        if (tiers.size() > RatingLimits.MAX_TIERS) {
            found.add(new Violation(path, "has " + tiers.size() + " tiers; a price has at most " + RatingLimits.MAX_TIERS));
            return;
        }
        BigDecimal previous = null;
        for (int i = 0; i < tiers.size(); i++) {
            Tier tier = tiers.get(i);
            String at = path + "[" + i + "]";
            boolean last = i == tiers.size() - 1;
            if (tier == null) {
                found.add(new Violation(at, "is required"));
                continue;
            }
            nonNegative(tier.unitPrice(), at + ".unitPrice", found);
            if (tier.flatFee() != null && tier.flatFee().signum() < 0) {
                found.add(new Violation(at + ".flatFee", "must not be negative"));
            }
            if (last && tier.upTo() != null) {
                found.add(new Violation(at + ".upTo", "the last tier must be open-ended (upTo null)"));
            } else if (!last && tier.upTo() == null) {
                found.add(new Violation(at + ".upTo", "only the last tier may be open-ended"));
            } else if (!last) {
                if (tier.upTo().signum() <= 0) {
                    found.add(new Violation(at + ".upTo", "must be greater than 0"));
                } else if (previous != null && tier.upTo().compareTo(previous) <= 0) {
                    found.add(new Violation(at + ".upTo", "tiers must ascend: must be greater than the previous "
                            + "tier's upTo (" + previous.toPlainString() + ")"));
                }
                previous = tier.upTo();
            }
        }
    }

    private static void nonNegative(BigDecimal value, String field, List<Violation> found) {
        if (value == null) {
            found.add(new Violation(field, "is required"));
        } else if (value.signum() < 0) {
            found.add(new Violation(field, "must not be negative"));
        }
    }

    private static void positive(BigDecimal value, String field, List<Violation> found) {
        if (value == null) {
            found.add(new Violation(field, "is required"));
        } else if (value.signum() <= 0) {
            found.add(new Violation(field, "must be greater than 0"));
        }
    }
}
