package io.meterline.billing.usage;

import java.math.BigDecimal;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One row of metering's totals: a meter's aggregation for a customer, asset group and dimension set. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UsageTotal(String meter, String customer, String asset, String assetGroup,
        Map<String, String> dimensions, BigDecimal value) {
}
