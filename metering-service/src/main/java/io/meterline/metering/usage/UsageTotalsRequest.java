package io.meterline.metering.usage;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A period to total, for every meter or some, for every customer, one or a list. With {@code assetGroups}, usage is
 * totalled per group of assets instead of per asset: what a billing bucket counts when its meter's aggregation
 * cannot be summed across assets (AVG, MAX, MIN, UNIQUE_COUNT, LATEST).
 */
@Schema(name = "UsageTotalsRequest")
public record UsageTotalsRequest(@Schema(required = true, examples = "2026-11-01T00:00:00Z") Instant from,
        @Schema(required = true, description = "Exclusive", examples = "2026-12-01T00:00:00Z") Instant to,
        @Schema(description = "Default: every meter") List<String> meters,
        @Schema(description = "One customer. Default: every customer") String customer,
        @Schema(description = "Several customers, at most 10,000. Default: every customer") List<String> customers,
        @Schema(description = "Groups of assets per meter. Usage of a grouped asset is totalled under its group "
                + "(assetGroup); usage of any other asset, or of none, under no group.") List<AssetGroup> assetGroups,
        @Schema(description = "Default true. False totals over every dimension set at once: the one exact total "
                + "of a meter whose aggregation cannot be summed (AVG, UNIQUE_COUNT, LATEST).")
        Boolean groupByDimensions) {

    static final int MAX_CUSTOMERS = 10_000;
    static final int MAX_GROUPED_ASSETS = 100_000;

    /** Assets whose usage of {@code meter} is totalled together, as {@code group}. */
    @Schema(name = "AssetGroup")
    public record AssetGroup(@Schema(required = true, examples = "vcpu_hours") String meter,
            @Schema(required = true, examples = "bucket-7f3a") String group,
            @Schema(required = true, examples = "[\"node-a\",\"node-b\"]") List<String> assets) {
    }
}
