package io.meterline.metering.usage;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A usage explorer query. */
@Schema(name = "UsageQuery")
public record UsageQuery(
        @Schema(required = true, examples = "llm_tokens") String meter,
        @Schema(required = true, examples = "2026-11-01T00:00:00Z") Instant from,
        @Schema(required = true, description = "Exclusive", examples = "2026-12-01T00:00:00Z") Instant to,
        @Schema(description = "Only this customer (a client's events and its assets' events)", examples = "acme")
        String customer,
        @Schema(description = "Only this asset", examples = "gw-eu-1") String asset,
        @Schema(description = "customer, asset, and dimension keys", examples = "[\"customer\",\"model\"]")
        List<String> groupBy,
        @Schema(enumeration = { "HOUR", "DAY", "MONTH" }, description = "Absent: one total per group") String granularity,
        @Schema(description = "Dimension filters: a value or a list of values per key",
                examples = "{\"provider\":\"azure\",\"model\":[\"gpt-4o\",\"o3\"]}") Map<String, Object> filters,
        @Schema(description = "Include disregarded assets' usage (excluded by default)") Boolean includeDisregarded) {
}
