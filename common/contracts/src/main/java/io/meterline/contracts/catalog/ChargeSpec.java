package io.meterline.contracts.catalog;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.meterline.rating.Charge;
import io.meterline.rating.DimensionRule;
import io.meterline.rating.DimensionalPrice;
import io.meterline.rating.Discount;
import io.meterline.rating.InvalidRatingInputException;
import io.meterline.rating.Price;
import io.meterline.rating.RatingLimits;
import io.meterline.rating.Violation;

/**
 * One charge of a plan: a meter, a default {@code price} and/or {@code dimensionPrices}. The most specific dimension
 * match wins; usage matching none, with no default, is unpriced.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChargeSpec(String key, String meter, String description, PriceSpec price,
        List<DimensionPriceSpec> dimensionPrices) {

    /**
     * The engine's charge, validated.
     *
     * @param path such as {@code charges[2]}
     */
    public Charge toCharge(String path, List<Discount> discounts) {
        List<Violation> violations = new ArrayList<>();
        if (key == null || !key.matches("[a-z0-9_.-]{1,64}")) {
            violations.add(new Violation(path + ".key", "is required: 1 to 64 of a-z, 0-9, _ . -"));
        }
        if (meter == null || !meter.matches("[a-z0-9_.-]{1,128}")) {
            violations.add(new Violation(path + ".meter", "is required: a meter's apiName, [a-z0-9_.-]+"));
        }
        Price defaultPrice = null;
        if (price != null) {
            defaultPrice = collect(() -> price.toPrice(path + ".price"), violations);
        }
        List<DimensionRule> rules = new ArrayList<>();
        List<DimensionPriceSpec> specs = dimensionPrices == null ? List.of() : dimensionPrices;
        if (specs.size() > RatingLimits.MAX_DIMENSION_PRICES) {
            throw new InvalidRatingInputException(List.of(new Violation(path + ".dimensionPrices", "has " + specs.size()
                    + " dimension prices; a charge has at most " + RatingLimits.MAX_DIMENSION_PRICES)));
        }
        for (int i = 0; i < specs.size(); i++) {
            DimensionPriceSpec spec = specs.get(i);
            String at = path + ".dimensionPrices[" + i + "]";
            if (spec == null || spec.match() == null || spec.match().isEmpty()) {
                violations.add(new Violation(at + ".match", "must name at least one dimension"));
                continue;
            }
            if (spec.match().values().stream().anyMatch(java.util.Objects::isNull)) { // containsValue(null) throws on Map.of
                violations.add(new Violation(at + ".match", "each dimension needs a value, not null"));
                continue;
            }
            if (spec.price() == null) {
                violations.add(new Violation(at + ".price", "is required"));
                continue;
            }
            Price rulePrice = collect(() -> spec.price().toPrice(at + ".price"), violations);
            if (rulePrice != null) {
                rules.add(new DimensionRule(spec.match(), rulePrice));
            }
        }
        if (price == null && specs.isEmpty()) {
            violations.add(new Violation(path + ".price", "a charge needs a default price or dimension prices"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRatingInputException(violations);
        }
        return new Charge(key, meter, description, new DimensionalPrice(rules, defaultPrice), discounts);
    }

    private static Price collect(java.util.function.Supplier<Price> parse, List<Violation> violations) {
        try {
            return parse.get();
        } catch (InvalidRatingInputException e) {
            violations.addAll(e.violations());
            return null;
        }
    }
}
