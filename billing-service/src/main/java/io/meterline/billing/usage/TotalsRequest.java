package io.meterline.billing.usage;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** metering's totals request: one window, some meters, some customers, assets grouped by the bucket counting them. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record TotalsRequest(Instant from, Instant to, List<String> meters, List<String> customers,
        List<AssetGroup> assetGroups, Boolean groupByDimensions) {

    /** The assets whose usage of {@code meter} one bucket counts; {@code group} is the bucket's id. */
    public record AssetGroup(String meter, String group, List<String> assets) {
    }
}
