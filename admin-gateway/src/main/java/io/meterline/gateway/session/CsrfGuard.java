package io.meterline.gateway.session;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The double-submit check for calls the browser makes with its session cookie. A page of another site can make the
 * browser send the cookie, but cannot read it, so it cannot copy the CSRF cookie into the header; and the browser
 * names the page's origin, which must be ours. Bearer calls carry no ambient credential and need neither.
 */
public final class CsrfGuard {

    public static final String COOKIE = "meterline-csrf";
    public static final String HEADER = "X-CSRF-Token";
    /** Quarkus's session cookie and its split parts all start with this. */
    public static final String SESSION_COOKIE_PREFIX = "q_session";

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private CsrfGuard() {
    }

    /** What the call lacks, or empty when it may go on. */
    public static Optional<String> refusal(Call call) {
        if (SAFE_METHODS.contains(call.method().toUpperCase(Locale.ROOT)) || call.bearer() || !call.sessionCookie()) {
            return Optional.empty();
        }
        if (call.origin() != null && !sameOrigin(call.origin(), call.scheme(), call.host())) {
            return Optional.of("The request came from " + call.origin() + ", a page of another site.");
        }
        if (call.cookieToken() == null || call.headerToken() == null) {
            return Optional.of("A change made with the console's session needs the " + HEADER
                    + " header, a copy of the " + COOKIE + " cookie.");
        }
        if (!MessageDigest.isEqual(call.cookieToken().getBytes(StandardCharsets.UTF_8),
                call.headerToken().getBytes(StandardCharsets.UTF_8))) {
            return Optional.of("The " + HEADER + " header does not match the " + COOKIE
                    + " cookie; reload the page and try again.");
        }
        return Optional.empty();
    }

    private static boolean sameOrigin(String origin, String scheme, String host) {
        if ("null".equals(origin)) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            String authority = uri.getRawAuthority();
            // The Host the gateway was reached by; behind a TLS-terminating proxy the scheme seen here is http.
            return authority != null && authority.equalsIgnoreCase(host)
                    && ("https".equals(uri.getScheme()) || uri.getScheme().equalsIgnoreCase(scheme));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** What the check reads from a request. */
    public record Call(String method, boolean bearer, boolean sessionCookie, String cookieToken, String headerToken,
            String origin, String scheme, String host) {
    }
}
