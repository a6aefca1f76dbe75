package io.meterline.metering.apikeys;

/** How an API-key caller appears to the endpoints: a role, and the attributes that scope it. */
public final class ApiKeyIdentity {

    /** May send events (for its customer, when scoped). */
    public static final String INGEST = io.meterline.platform.security.Roles.INGEST;
    /** May read usage (of its customer, when scoped). */
    public static final String READ = io.meterline.platform.security.Roles.READ;
    /** The customer the key is scoped to; absent for an unscoped key and for OIDC callers. */
    public static final String CUSTOMER_SCOPE = "meterline.customer-scope";
    /** The key's id, which the audit log names as the actor. */
    public static final String KEY_ID = io.meterline.platform.security.Actor.API_KEY_ID_ATTRIBUTE;

    private ApiKeyIdentity() {
    }
}
