package io.meterline.rating;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A charge's price by dimension: rules such as {match: {model: gpt-4o}, price}, and an optional default. The most
 * specific matching rule wins (the one naming the most dimensions); ties go to the first listed. Usage that matches
 * no rule when there is no default has no price: it is reported as unpriced, never rated as zero.
 */
public record DimensionalPrice(List<DimensionRule> rules, Price defaultPrice) {

    public DimensionalPrice {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** One price for all usage. */
    public static DimensionalPrice flat(Price price) {
        return new DimensionalPrice(List.of(), price);
    }

    public Optional<PriceSelection> select(Map<String, String> dimensions) {
        int best = PriceSelection.DEFAULT;
        int bestSpecificity = -1;
        for (int i = 0; i < rules.size(); i++) {
            DimensionRule rule = rules.get(i);
            if (rule.specificity() > bestSpecificity && rule.matches(dimensions)) {
                best = i;
                bestSpecificity = rule.specificity();
            }
        }
        if (best != PriceSelection.DEFAULT) {
            DimensionRule rule = rules.get(best);
            return Optional.of(new PriceSelection(best, rule.match(), rule.price()));
        }
        return defaultPrice == null ? Optional.empty()
                : Optional.of(new PriceSelection(PriceSelection.DEFAULT, Map.of(), defaultPrice));
    }
}
