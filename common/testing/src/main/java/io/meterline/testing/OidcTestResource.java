package io.meterline.testing;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * Quarkus's OIDC test server (WireMock, with real signed tokens), wired in as the service's OIDC provider. Mint
 * tokens with {@link TestTokens}.
 */
public class OidcTestResource extends OidcWiremockTestResource {

    /** The realm URL of the OIDC test server that is running now. */
    static final String URL_PROPERTY = "meterline.test.oidc.url";

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("quarkus.oidc.auth-server-url", config.get("keycloak.url") + "/realms/quarkus");
        // For services this test starts as processes of their own (MeteringServiceResource).
        System.setProperty(URL_PROPERTY, config.get("quarkus.oidc.auth-server-url"));
        return config;
    }
}
