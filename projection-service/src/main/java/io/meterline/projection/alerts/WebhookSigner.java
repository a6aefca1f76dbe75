package io.meterline.projection.alerts;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs alert webhooks per the <a href="https://www.standardwebhooks.com/">Standard Webhooks</a> specification 1.0.0,
 * symmetric scheme:
 * <ul>
 * <li>Secrets are {@code whsec_} followed by the standard base64 (padded) of 24–64 random bytes; the HMAC key is the
 * decoded bytes, not the text.</li>
 * <li>The signed content is {@code {webhook-id}.{webhook-timestamp}.{body}} in UTF-8.</li>
 * <li>The signature is {@code v1,} followed by the standard base64 (padded) of HMAC-SHA256 over that content.</li>
 * <li>The headers are {@value #HEADER_ID}, {@value #HEADER_TIMESTAMP} (integer Unix seconds) and
 * {@value #HEADER_SIGNATURE} (a space-separated list of signatures; this class produces one).</li>
 * </ul>
 * The body must be sent byte-for-byte as signed. Pure: no I/O, no clock; the timestamp is passed in and should be the
 * time of the delivery <em>attempt</em> (a retry gets a new timestamp and signature, the same {@code webhook-id}).
 */
public final class WebhookSigner {

    /** The prefix of every symmetric secret. */
    public static final String SECRET_PREFIX = "whsec_";
    /** The unique message id, the same on every retry (the consumer's idempotency key). */
    public static final String HEADER_ID = "webhook-id";
    /** The attempt time, integer Unix seconds. */
    public static final String HEADER_TIMESTAMP = "webhook-timestamp";
    /** The space-separated list of {@code v1,<base64>} signatures. */
    public static final String HEADER_SIGNATURE = "webhook-signature";

    /** The size of the secrets {@link #newSecret} makes. */
    public static final int NEW_SECRET_BYTES = 32;
    private static final int MIN_SECRET_BYTES = 24;
    private static final int MAX_SECRET_BYTES = 64;
    private static final String SIGNATURE_VERSION = "v1";
    private static final String HMAC = "HmacSHA256";

    private WebhookSigner() {
    }

    /**
     * A new signing secret: {@code whsec_} + base64 of {@value #NEW_SECRET_BYTES} bytes from {@code random}.
     *
     * @param random the source of randomness (pass a {@link SecureRandom}; tests may seed one)
     * @return the secret, to be stored encrypted and shown to the customer once
     */
    public static String newSecret(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        byte[] key = new byte[NEW_SECRET_BYTES];
        random.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /**
     * The three Standard Webhooks headers for one delivery attempt, in the order id, timestamp, signature.
     *
     * @param secret    a {@code whsec_} secret
     * @param messageId the message id: not blank, without {@code .}, whitespace or control characters
     * @param timestamp the attempt time; only its whole seconds are used (truncated), and it must not be before 1970
     * @param body      the exact request body
     * @return an unmodifiable, insertion-ordered map (backed by a {@link LinkedHashMap})
     * @throws IllegalArgumentException as {@link #sign}
     */
    public static Map<String, String> headers(String secret, String messageId, Instant timestamp, String body) {
        Objects.requireNonNull(timestamp, "timestamp");
        long seconds = timestamp.getEpochSecond();
        String signature = sign(secret, messageId, seconds, body);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(HEADER_ID, messageId);
        headers.put(HEADER_TIMESTAMP, Long.toString(seconds));
        headers.put(HEADER_SIGNATURE, signature);
        return Collections.unmodifiableMap(headers);
    }

    /**
     * The signature of one attempt, as one entry of the {@value #HEADER_SIGNATURE} header.
     *
     * @param secret           a {@code whsec_} secret whose base64 part decodes to 24–64 bytes
     * @param messageId        the message id: not blank, without {@code .}, whitespace or control characters
     * @param timestampSeconds the attempt time in Unix seconds, {@code >= 0}
     * @param body             the exact request body (signed as UTF-8)
     * @return {@code v1,<base64 HMAC-SHA256>}
     * @throws NullPointerException     if any argument is null
     * @throws IllegalArgumentException if the secret lacks the {@code whsec_} prefix, is not valid base64 or decodes
     *                                  to a key outside 24–64 bytes, or if the message id or timestamp is invalid. The
     *                                  message never contains the secret.
     */
    public static String sign(String secret, String messageId, long timestampSeconds, String body) {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(body, "body");
        byte[] key = decodeSecret(secret);
        checkMessageId(messageId);
        if (timestampSeconds < 0) {
            throw new IllegalArgumentException("timestamp must be >= 0 Unix seconds, was " + timestampSeconds);
        }
        byte[] content = (messageId + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8);
        byte[] mac;
        try {
            Mac hmac = Mac.getInstance(HMAC);
            hmac.init(new SecretKeySpec(key, HMAC));
            mac = hmac.doFinal(content);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
        return SIGNATURE_VERSION + "," + Base64.getEncoder().encodeToString(mac);
    }

    private static byte[] decodeSecret(String secret) {
        if (!secret.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException("webhook secret must start with " + SECRET_PREFIX);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            // Do not chain e: its message may quote the secret.
            throw new IllegalArgumentException("webhook secret is not valid base64 after " + SECRET_PREFIX);
        }
        if (key.length < MIN_SECRET_BYTES || key.length > MAX_SECRET_BYTES) {
            throw new IllegalArgumentException("webhook secret must decode to " + MIN_SECRET_BYTES + "–"
                    + MAX_SECRET_BYTES + " bytes, was " + key.length);
        }
        return key;
    }

    private static void checkMessageId(String messageId) {
        if (messageId.isEmpty()) {
            throw new IllegalArgumentException("messageId must not be empty");
        }
        for (int i = 0; i < messageId.length(); i++) {
            char c = messageId.charAt(i);
            if (c == '.' || Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
                throw new IllegalArgumentException("messageId must not contain '.', whitespace or control characters");
            }
        }
    }
}
