package io.meterline.platform.security;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Who the caller is, as the service sees it. */
@Schema(name = "CallerIdentity", description = "The authenticated caller and the Meterline roles it holds.")
public record CallerIdentity(
        @Schema(description = "The token's subject (sub), or the API key id.", examples = "9f1c2a7e-4b1d-4c55-9a11-0c0f2b1e7d42")
        String subject,
        @Schema(description = "A readable name: preferred_username for OIDC tokens.", examples = "service-account-meterline-automation")
        String name,
        @Schema(description = "The Meterline roles held, sorted.", examples = "[\"admin\"]")
        List<String> roles,
        @Schema(description = "How the caller authenticated.", examples = "oidc")
        String authentication,
        @Schema(description = "The token issuer, when the caller used an OIDC token.", examples = "http://localhost:8180/realms/meterline")
        String issuer) {
}
