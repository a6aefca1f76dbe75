package io.meterline.contracts.catalog;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.meterline.rating.InvalidRatingInputException;
import io.meterline.rating.Price;
import io.meterline.rating.PriceModel;
import io.meterline.rating.RatingValidation;
import io.meterline.rating.Tier;
import io.meterline.rating.Violation;

/**
 * A price as written in the API and on the catalog topic: a {@code model} and the fields that model uses, plus the
 * optional {@code minimum} and {@code maximum}. {@link #toPrice(String)} turns it into the rating engine's price.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PriceSpec(String model, BigDecimal amount, BigDecimal unitPrice, BigDecimal packageSize,
        BigDecimal packagePrice, List<TierSpec> tiers, BigDecimal commitUnits, BigDecimal basePrice,
        BigDecimal overageUnitPrice, BigDecimal minimum, BigDecimal maximum) {

    public static final List<String> MODELS = List.of("FLAT", "PER_UNIT", "PACKAGE", "GRADUATED", "VOLUME", "COMMIT");

    /** The fields each model uses; any other model field is a mistake worth reporting. */
    private static final Map<String, List<String>> FIELDS = Map.of(
            "FLAT", List.of("amount"),
            "PER_UNIT", List.of("unitPrice"),
            "PACKAGE", List.of("packageSize", "packagePrice"),
            "GRADUATED", List.of("tiers"),
            "VOLUME", List.of("tiers"),
            "COMMIT", List.of("commitUnits", "basePrice", "overageUnitPrice"));

    /**
     * The engine's price, validated.
     *
     * @param path the JSON path of this price in the request, such as {@code price} or {@code charges[0].price}
     * @throws InvalidRatingInputException listing every invalid field
     */
    public Price toPrice(String path) {
        List<Violation> violations = new ArrayList<>();
        if (model == null || !MODELS.contains(model)) {
            violations.add(new Violation(path + ".model", "must be one of " + String.join(", ", MODELS)));
            throw new InvalidRatingInputException(violations);
        }
        Map<String, Object> present = new java.util.LinkedHashMap<>();
        present.put("amount", amount);
        present.put("unitPrice", unitPrice);
        present.put("packageSize", packageSize);
        present.put("packagePrice", packagePrice);
        present.put("tiers", tiers);
        present.put("commitUnits", commitUnits);
        present.put("basePrice", basePrice);
        present.put("overageUnitPrice", overageUnitPrice);
        List<String> used = FIELDS.get(model);
        present.forEach((field, value) -> {
            if (value != null && !used.contains(field)) {
                violations.add(new Violation(path + "." + field, "is not used by the " + model + " model"));
            }
        });
        for (int i = 0; tiers != null && i < tiers.size(); i++) {
            if (tiers.get(i) == null) {
                violations.add(new Violation(path + ".tiers[" + i + "]", "is required: a tier, not null"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidRatingInputException(violations); // the engine's types hold no nulls
        }
        Price price = new Price(modelOf(), minimum, maximum);
        violations.addAll(RatingValidation.priceViolations(price, path));
        if (!violations.isEmpty()) {
            throw new InvalidRatingInputException(violations);
        }
        return price;
    }

    private PriceModel modelOf() {
        return switch (model) {
            case "FLAT" -> new PriceModel.Flat(amount);
            case "PER_UNIT" -> new PriceModel.PerUnit(unitPrice);
            case "PACKAGE" -> new PriceModel.Package(packageSize, packagePrice);
            case "GRADUATED" -> new PriceModel.Graduated(tiers(tiers));
            case "VOLUME" -> new PriceModel.Volume(tiers(tiers));
            case "COMMIT" -> new PriceModel.Commit(commitUnits, basePrice, overageUnitPrice);
            default -> throw new IllegalStateException(model);
        };
    }

    private static List<Tier> tiers(List<TierSpec> specs) {
        if (specs == null) {
            return List.of();
        }
        List<Tier> tiers = new ArrayList<>(specs.size());
        for (TierSpec spec : specs) {
            tiers.add(spec == null ? null : spec.toTier());
        }
        return tiers;
    }
}
