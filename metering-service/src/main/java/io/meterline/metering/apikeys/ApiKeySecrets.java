package io.meterline.metering.apikeys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Key secrets: {@code mlk_} and 32 random bytes. Only the SHA-256 of a key is stored; with 256 random bits no salt or
 * slow hash is needed, and a lookup by hash stays one index probe.
 */
public final class ApiKeySecrets {

    public static final String PREFIX = "mlk_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeySecrets() {
    }

    public static String newKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static boolean looksLikeKey(String token) {
        return token != null && token.startsWith(PREFIX);
    }

    /** A key as {@link #newKey()} makes them: the prefix and 43 characters of URL-safe Base64 (32 random bytes). */
    public static boolean wellFormed(String key) {
        return key != null && key.length() == PREFIX.length() + 43 && key.startsWith(PREFIX)
                && key.substring(PREFIX.length()).chars().allMatch(c -> c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
                        || c >= '0' && c <= '9' || c == '-' || c == '_');
    }

    public static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What may be logged or shown of a key: its first characters. */
    public static String displayPrefix(String key) {
        return key.substring(0, Math.min(key.length(), PREFIX.length() + 7));
    }
}
