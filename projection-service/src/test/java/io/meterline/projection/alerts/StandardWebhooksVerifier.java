package io.meterline.projection.alerts;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A consumer-side verifier written from the Standard Webhooks specification
 * (github.com/standard-webhooks/standard-webhooks, spec/standard-webhooks.md, "Verifying signatures"), deliberately
 * independent of {@link WebhookSigner} so that tests check the signer against the spec rather than against itself.
 */
final class StandardWebhooksVerifier {

    static final Duration TOLERANCE = Duration.ofMinutes(5);

    static final class VerificationException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        VerificationException(String message) {
            super(message);
        }
    }

    private StandardWebhooksVerifier() {
    }

    /**
     * @param secret  {@code whsec_<base64 key>}; like the reference libraries, the prefix is optional here
     * @param headers the request headers (names compared case-insensitively, as HTTP does)
     * @param body    the raw body
     * @param now     the receiver's clock
     * @throws VerificationException if a header is missing, the timestamp is outside {@link #TOLERANCE} of {@code now},
     *                               or no {@code v1} signature matches
     */
    static void verify(String secret, Map<String, String> headers, String body, Instant now) {
        Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(headers);
        String id = required(byName, "webhook-id");
        String timestamp = required(byName, "webhook-timestamp");
        String signatures = required(byName, "webhook-signature");

        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            throw new VerificationException("webhook-timestamp is not an integer");
        }
        long skew = Math.abs(now.getEpochSecond() - seconds);
        if (skew > TOLERANCE.toSeconds()) {
            throw new VerificationException("webhook-timestamp is " + skew + " s away from now");
        }

        String encodedKey = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
        byte[] expected;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(encodedKey), "HmacSHA256"));
            expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }

        for (String entry : signatures.split(" ")) {
            int comma = entry.indexOf(',');
            if (comma < 0 || !entry.substring(0, comma).equals("v1")) {
                continue; // other schemes (v1a) or garbage
            }
            byte[] candidate;
            try {
                candidate = Base64.getDecoder().decode(entry.substring(comma + 1));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (MessageDigest.isEqual(expected, candidate)) { // constant time for equal lengths
                return;
            }
        }
        throw new VerificationException("no matching v1 signature");
    }

    private static String required(Map<String, String> headers, String name) {
        String value = headers.get(name);
        if (value == null || value.isEmpty()) {
            throw new VerificationException("missing header " + name);
        }
        return value;
    }
}
