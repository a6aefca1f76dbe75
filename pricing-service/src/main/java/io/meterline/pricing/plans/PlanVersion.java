package io.meterline.pricing.plans;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.meterline.contracts.catalog.ChargeSpec;

/** A published version: immutable, in effect from {@code effectiveFrom} until the plan's next version. */
@Schema(name = "PlanVersion")
public record PlanVersion(UUID planId, PlanKind kind, String name, String client, @Schema(examples = "2") int version,
        @Schema(examples = "2026-12-01T00:00:00Z") Instant effectiveFrom, @Schema(examples = "USD") String currency,
        List<ChargeSpec> charges, Instant publishedAt, String publishedBy) {
}
