package io.meterline.pricing.plans;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.meterline.contracts.catalog.ChargeSpec;

/** A plan: its editable draft and the summary of its published, immutable versions. */
@Schema(name = "Plan")
public record Plan(UUID id,
        @Schema(enumeration = { "PRICE", "COST" }) PlanKind kind,
        String name, String description,
        @Schema(examples = "USD") String currency,
        @Schema(description = "Set for a client's negotiated terms") String client,
        Draft draft,
        @Schema(description = "Published versions, oldest first") List<VersionSummary> versions,
        OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    @Schema(name = "PlanDraft", description = "The charges being edited; publishing freezes them into a version.")
    public record Draft(List<ChargeSpec> charges, @Schema(examples = "3") int revision) {
    }

    @Schema(name = "PlanVersionSummary")
    public record VersionSummary(@Schema(examples = "2") int version,
            @Schema(examples = "2026-12-01T00:00:00Z") Instant effectiveFrom, Instant publishedAt, String publishedBy) {
    }
}
