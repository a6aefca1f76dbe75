package io.meterline.billing.runs;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A past period to re-rate under a candidate plan: a published version, or the plan's draft. */
@Schema(name = "BacktestRequest")
public record BacktestRequest(
        @Schema(required = true, description = "The price plan whose subscribers are re-rated.") String pricePlan,
        @Schema(description = "A published version of it; absent: its draft, read from pricing-service.",
                examples = "2") Integer version,
        @Schema(required = true, description = "YYYY-MM: each client's period that starts in that month, in its "
                + "time zone.", examples = "2026-10") String period,
        @Schema(description = "Client ids; default every client subscribed to the plan in that period.")
        List<String> clients) {
}
