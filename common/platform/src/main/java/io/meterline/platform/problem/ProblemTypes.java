package io.meterline.platform.problem;

/** The problem type URIs Meterline answers with, documented in docs/api.md. */
public final class ProblemTypes {

    private static final String BASE = "https://meterline.io/problems/";

    public static final String VALIDATION = BASE + "validation";
    public static final String MALFORMED = BASE + "malformed-request";
    public static final String UNAUTHENTICATED = BASE + "unauthenticated";
    public static final String FORBIDDEN = BASE + "forbidden";
    public static final String NOT_FOUND = BASE + "not-found";
    public static final String CONFLICT = BASE + "conflict";
    public static final String HTTP = BASE + "http";
    public static final String INTERNAL = BASE + "internal";
    /** A service this one relays to did not answer in time, or could not be reached. */
    public static final String UPSTREAM = BASE + "upstream";
    public static final String UNAVAILABLE = BASE + "unavailable";
    public static final String RATE_LIMITED = BASE + "rate-limited";

    private ProblemTypes() {
    }
}
