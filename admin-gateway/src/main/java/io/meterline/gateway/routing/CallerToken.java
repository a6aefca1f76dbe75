package io.meterline.gateway.routing;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;

/** The caller's own access token: what the gateway passes on, never a token of its own. */
public final class CallerToken {

    private CallerToken() {
    }

    public static String of(SecurityIdentity identity) {
        AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
        if (token == null) {
            // Only an OIDC access token can be passed on: the services accept nothing else from admins.
            throw new UnauthorizedException("An OIDC access token is required");
        }
        return token.getToken();
    }
}
