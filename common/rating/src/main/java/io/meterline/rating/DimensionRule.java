package io.meterline.rating;

import java.util.Map;

/** A price for usage whose dimensions include every key and value of {@code match}, such as {model: gpt-4o}. */
public record DimensionRule(Map<String, String> match, Price price) {

    public DimensionRule {
        match = Map.copyOf(match);
    }

    public boolean matches(Map<String, String> dimensions) {
        for (Map.Entry<String, String> wanted : match.entrySet()) {
            if (!wanted.getValue().equals(dimensions.get(wanted.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** How specific the rule is: the number of dimensions it names. */
    public int specificity() {
        return match.size();
    }
}
