package io.meterline.gateway.session;

import java.net.URI;
import java.net.URISyntaxException;

/** Where the browser goes after logging in: a path of this console, never another site. */
public final class LandingPath {

    private LandingPath() {
    }

    /**
     * The path asked for if it is a path on this origin; otherwise the console's home. Refuses absolute and
     * protocol-relative URLs ({@code //evil.example}) and backslashes, which browsers read as slashes: an open
     * redirect after login is a phishing tool.
     */
    public static String of(String next) {
        if (next == null || next.isEmpty() || next.charAt(0) != '/' || next.startsWith("//") || next.indexOf('\\') >= 0
                || next.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "/";
        }
        try {
            URI uri = new URI(next);
            return uri.getScheme() == null && uri.getRawAuthority() == null ? next : "/";
        } catch (URISyntaxException e) {
            return "/";
        }
    }
}
