package io.meterline.testing;

import java.util.Set;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/** Bearer tokens signed by the OIDC test server, for a subject holding the given roles. */
public final class TestTokens {

    private TestTokens() {
    }

    public static String token(String subject, String... roles) {
        return OidcWiremockTestResource.getAccessToken(subject, Set.of(roles));
    }

    public static String admin() {
        return token("alice-admin", "admin");
    }

    public static String operator() {
        return token("oscar-operator", "operator");
    }

    public static String viewer() {
        return token("victor-viewer", "viewer");
    }
}
