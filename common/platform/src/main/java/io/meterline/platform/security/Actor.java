package io.meterline.platform.security;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/** Who made a change, for the audit log: a user's subject, an API key's id, or the system itself. */
public record Actor(String id, String type) {

    public static final String USER = "user";
    public static final String API_KEY = "api_key";
    public static final String SYSTEM = "system";

    /** The attribute an API-key identity carries its key's id in. */
    public static final String API_KEY_ID_ATTRIBUTE = "meterline.api-key-id";

    /** The caller behind {@code identity}. API-key callers carry the attribute {@value #API_KEY_ID_ATTRIBUTE}. */
    public static Actor of(SecurityIdentity identity) {
        Object keyId = identity.getAttribute(API_KEY_ID_ATTRIBUTE);
        if (keyId != null) {
            return new Actor(keyId.toString(), API_KEY);
        }
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null) {
            return new Actor(jwt.getSubject(), USER);
        }
        return new Actor(identity.getPrincipal().getName(), USER);
    }

    public static Actor system(String component) {
        return new Actor(component, SYSTEM);
    }
}
