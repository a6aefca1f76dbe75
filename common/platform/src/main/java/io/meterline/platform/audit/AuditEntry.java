package io.meterline.platform.audit;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.JsonNode;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One audited change. */
@Schema(description = "One audited change: who did what to which record, with the values before and after.")
@RegisterForReflection
public record AuditEntry(
        @Schema(examples = "42") long id,
        @Schema(examples = "2026-11-20T10:00:00Z") OffsetDateTime occurredAt,
        @Schema(description = "The user's subject or the API key's id.", examples = "9f1c2a7e-4b1d-4c55-9a11-0c0f2b1e7d42")
        String actor,
        @Schema(enumeration = { "user", "api_key", "system" }) String actorType,
        @Schema(examples = "publish") String action,
        @Schema(examples = "price_plan") String table,
        @Schema(examples = "3f2b6c1e-0a4d-4f7e-9b1a-2c3d4e5f6a7b") String recordId,
        @Schema(description = "The record before the change; absent for a creation.") JsonNode oldValues,
        @Schema(description = "The record after the change; absent for a deletion.") JsonNode newValues) {
}
