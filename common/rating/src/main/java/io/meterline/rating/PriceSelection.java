package io.meterline.rating;

import java.util.Map;

/** Which price of a charge applies to some usage: rule {@code ruleIndex}, or the default when it is -1. */
public record PriceSelection(int ruleIndex, Map<String, String> match, Price price) {

    public static final int DEFAULT = -1;

    public boolean isDefault() {
        return ruleIndex == DEFAULT;
    }
}
