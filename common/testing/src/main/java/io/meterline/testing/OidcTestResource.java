package io.meterline.testing;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * Quarkus's OIDC test server (WireMock, with real signed tokens), wired in as the service's OIDC provider. Mint
 * tokens with {@link TestTokens}.
 */
public class OidcTestResource extends OidcWiremockTestResource {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("quarkus.oidc.auth-server-url", config.get("keycloak.url") + "/realms/quarkus");
        return config;
    }
}
