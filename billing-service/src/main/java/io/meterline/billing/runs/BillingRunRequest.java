package io.meterline.billing.runs;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What an operator sends to start a billing run. */
@Schema(name = "BillingRunRequest")
public record BillingRunRequest(
        @Schema(description = "Close every period that ended at or before asOf less each client's grace period. Not "
                + "in the future; default now.", examples = "2026-12-04T00:00:00Z") Instant asOf,
        @Schema(description = "Client ids; default every enabled client.") List<String> clients) {
}
