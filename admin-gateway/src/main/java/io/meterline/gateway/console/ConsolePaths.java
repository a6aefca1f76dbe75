package io.meterline.gateway.console;

/** Which browser paths are the console's own screens, answered with its page. Pure. */
public final class ConsolePaths {

    private ConsolePaths() {
    }

    /**
     * True for a screen's address ({@code /clients/42?tab=buckets} is {@code /clients/42} here), false for what
     * the gateway serves itself: the API, operations, login and logout, and files (a last segment with a dot).
     */
    public static boolean isScreen(String path) {
        if (path == null || path.isEmpty() || "/".equals(path)) {
            return false;
        }
        if (path.startsWith("/api/") || "/api".equals(path) || path.startsWith("/q/") || "/q".equals(path)
                || "/login".equals(path) || "/logout".equals(path)) {
            return false;
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        return !last.contains(".");
    }

    /** Hashed build output never changes under its name; the page itself must be fetched again after a release. */
    public static String cacheControl(String path) {
        return path.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache";
    }
}
