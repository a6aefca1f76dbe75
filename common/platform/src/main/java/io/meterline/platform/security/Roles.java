package io.meterline.platform.security;

/** The roles an OIDC token can carry for Meterline's admin APIs. */
public final class Roles {

    /** Changes everything, including keys and plans. */
    public static final String ADMIN = "admin";
    /** Runs day-to-day operations: assets, suppressions, billing runs. */
    public static final String OPERATOR = "operator";
    /** Sees everything and changes nothing. */
    public static final String VIEWER = "viewer";

    /** An API key that may send usage (metering). */
    public static final String INGEST = "ingest";
    /** An API key that may read usage (metering). */
    public static final String READ = "read";

    private Roles() {
    }
}
