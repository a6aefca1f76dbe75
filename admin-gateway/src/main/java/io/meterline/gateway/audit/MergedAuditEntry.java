package io.meterline.gateway.audit;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

import io.meterline.platform.audit.AuditEntry;

/** One change, with the service whose log holds it. */
@Schema(name = "MergedAuditEntry")
public record MergedAuditEntry(
        @Schema(enumeration = { "metering", "pricing", "billing", "projection", "gateway" }) String service,
        @Schema(examples = "42") long id,
        @Schema(examples = "2026-11-20T10:00:00Z") OffsetDateTime occurredAt,
        @Schema(examples = "9f1c2a7e-4b1d-4c55-9a11-0c0f2b1e7d42") String actor,
        @Schema(enumeration = { "user", "api_key", "system" }) String actorType,
        @Schema(examples = "publish") String action,
        @Schema(examples = "price_plan") String table,
        @Schema(examples = "3f2b6c1e-0a4d-4f7e-9b1a-2c3d4e5f6a7b") String recordId,
        @Schema(description = "The record before the change; absent for a creation.") JsonNode oldValues,
        @Schema(description = "The record after the change; absent for a deletion.") JsonNode newValues) {

    static MergedAuditEntry of(String service, AuditEntry e) {
        return new MergedAuditEntry(service, e.id(), e.occurredAt(), e.actor(), e.actorType(), e.action(), e.table(),
                e.recordId(), e.oldValues(), e.newValues());
    }
}
