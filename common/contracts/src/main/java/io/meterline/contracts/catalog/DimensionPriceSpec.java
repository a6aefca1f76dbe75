package io.meterline.contracts.catalog;

import java.util.Map;

/** A price for usage whose dimensions include every key and value of {@code match}. */
public record DimensionPriceSpec(Map<String, String> match, PriceSpec price) {
}
