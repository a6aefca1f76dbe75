package io.meterline.projection.projections;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One line of a client's open-period projection, as the API shows it. Quantities and amounts are decimal strings. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Projection", description = "Where a bucket, or a plan charge and dimension set, will land at the end "
        + "of the client's open period.")
public record ProjectionView(
        @Schema(description = "Billing's client id.") UUID client,
        @Schema(description = "The customer on usage events.", examples = "acme") String externalId,
        @Schema(description = "The bucket, for a bucket's line.") UUID bucket,
        @Schema(description = "The plan charge's key, for a charge's line.", examples = "tokens") String charge,
        @Schema(examples = "vcpu_hours") String meter,
        @Schema(description = "The charge's dimension set (empty for a bucket).") Map<String, String> dimensions,
        @Schema(examples = "k8s") String sourceType,
        Instant periodStart, Instant periodEnd,
        @Schema(examples = "USD") String currency,
        @Schema(description = "Usage so far this period.", examples = "412.5") String currentUsage,
        @Schema(description = "Expected usage at the period's end.", examples = "830") String projectedUsage,
        @Schema(description = "Low bound of the prediction interval (80% nominal).", examples = "760")
        String projectedLow,
        @Schema(description = "High bound of the prediction interval.", examples = "905") String projectedHigh,
        @Schema(description = "The bucket's commit for the period (prorated).", examples = "720") String commitUnits,
        @Schema(description = "Projected usage as a percentage of the commit.", examples = "115.28")
        String percentOfCommit,
        @Schema(description = "Usage so far as a percentage of the commit.", examples = "57.29")
        String currentPercentOfCommit,
        @Schema(description = "What the line would bill for the projected usage: base + overage, or the plan's "
                + "rating.", examples = "349.50") String projectedCost,
        @Schema(description = "What the projected usage would cost us (cost rates).", examples = "212.40")
        String projectedMeteredCost,
        @Schema(description = "Revenue so far.", examples = "300.00") String currentRevenue,
        @Schema(description = "Metered cost so far.", examples = "104.10") String currentCost,
        @Schema(description = "Projected overage amount (buckets).", examples = "49.50") String projectedOverage,
        @Schema(description = "Projected buffer: money for commit left unused (buckets).", examples = "0.00")
        String projectedBuffer,
        @Schema(description = "SEASONAL, BLENDED, RUN_RATE or PEAK_SO_FAR (MAX meters).") String method,
        Instant calculatedAt) {
}
