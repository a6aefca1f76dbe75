package io.meterline.rating;

import java.math.BigDecimal;
import java.util.Map;

/** Usage that no charge prices: reported with its quantity as a warning, never rated as zero. */
public record UnpricedUsage(String meter, Map<String, String> dimensions, BigDecimal quantity, String reason) {
}
