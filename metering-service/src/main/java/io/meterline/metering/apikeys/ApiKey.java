package io.meterline.metering.apikeys;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An API key as listed: never its secret. */
@Schema(name = "ApiKey")
public record ApiKey(UUID id, @Schema(examples = "llm-gateway prod") String name,
        @Schema(enumeration = { "ingest", "read" }) String role,
        @Schema(description = "The customer it is scoped to; absent for any", examples = "acme") String customer,
        @Schema(description = "The first characters of the key, to recognise it", examples = "mlk_Xq3v9Tz") String prefix,
        boolean enabled, OffsetDateTime revokedAt, OffsetDateTime createdAt, OffsetDateTime lastUsedAt) {

    public boolean usable() {
        return enabled && revokedAt == null;
    }
}
