package io.meterline.testing;

import java.time.Instant;
import java.util.Set;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.jwt.build.Jwt;

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

    /** A current token whose subject is {@code subject} (what the audit log records), with the given roles. */
    public static String withSubject(String subject, String... roles) {
        return Jwt.preferredUserName(subject).subject(subject).groups(Set.of(roles)).issuer(issuer())
                .expiresAt(Instant.now().plusSeconds(3600)).jws().keyId("1").sign("privateKey.jwk");
    }

    /** A token signed by the test server's key for an admin, but expired ten minutes ago. */
    public static String expiredAdmin() {
        Instant issued = Instant.now().minusSeconds(3600);
        return Jwt.preferredUserName("eve-expired").groups(Set.of("admin")).issuer(issuer())
                .issuedAt(issued).expiresAt(Instant.now().minusSeconds(600)).jws().keyId("1").sign("privateKey.jwk");
    }

    /** A well-signed, current admin token from an issuer the services do not trust. */
    public static String adminFromAnotherIssuer() {
        return Jwt.preferredUserName("mallory-elsewhere").groups(Set.of("admin")).issuer("https://issuer.example.org")
                .expiresAt(Instant.now().plusSeconds(600)).jws().keyId("1").sign("privateKey.jwk");
    }

    private static String issuer() {
        return System.getProperty("quarkus.test.oidc.token.issuer", "https://server.example.com");
    }
}
