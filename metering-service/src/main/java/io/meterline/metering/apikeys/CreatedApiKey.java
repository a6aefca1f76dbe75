package io.meterline.metering.apikeys;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new key with its secret, shown this once: only its hash is kept. */
@Schema(name = "CreatedApiKey")
public record CreatedApiKey(ApiKey apiKey,
        @Schema(description = "The secret. Store it now: it cannot be shown again.",
                examples = "mlk_Xq3v9TzR0b8N1kqzW4x2c5e7g9i1k3m5o7q9s1u3w5") String key) {
}
