package io.meterline.billing.runs;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A billing run's state and live progress. */
@Schema(name = "BillingRun")
public record BillingRunView(UUID id,
        @Schema(enumeration = { "QUEUED", "RUNNING", "SUCCEEDED", "PARTIAL", "FAILED" }) String status,
        Instant asOf, Progress progress,
        @Schema(description = "The clients that could not be billed, and why.") List<ClientError> errors,
        @Schema(description = "Invoices made so far.") int invoices, String requestedBy, Instant createdAt,
        Instant startedAt, Instant finishedAt) {

    @Schema(name = "BillingRunProgress")
    public record Progress(@Schema(description = "Clients handled, billed or failed.") int done, int total) {
    }

    @Schema(name = "BillingRunError")
    public record ClientError(UUID client, String reason) {
    }

    static BillingRunView of(BillingRun run, List<ClientError> errors) {
        return new BillingRunView(run.id, run.status.name(), run.asOf, new Progress(run.done, run.total), errors,
                run.invoices, run.requestedBy, run.createdAt, run.startedAt, run.finishedAt);
    }
}
