package io.meterline.projection.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.meterline.projection.alerts.StandardWebhooksVerifier.VerificationException;

class WebhookSignerTest {

    // The example published with the Standard Webhooks specification and its reference libraries.
    private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long SPEC_TIMESTAMP = 1614265330L;
    private static final String SPEC_BODY = "{\"test\": 2432232314}";
    private static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static final Instant NOW = Instant.parse("2026-11-20T10:15:30Z");
    private static final String BODY = "{\"type\":\"alert.firing\",\"data\":{\"rule\":\"r_1\",\"value\":\"101.50\"}}";
    private static final String SECRET = WebhookSigner.newSecret(new SecureRandom());

    @Test
    void matchesTheSpecExample() {
        assertThat(WebhookSigner.sign(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY)).isEqualTo(SPEC_SIGNATURE);
    }

    @Test
    void theIndependentVerifierAcceptsTheSpecExample() {
        Map<String, String> headers = Map.of("webhook-id", SPEC_ID, "webhook-timestamp", Long.toString(SPEC_TIMESTAMP),
                "webhook-signature", SPEC_SIGNATURE);
        assertThatCode(() -> StandardWebhooksVerifier.verify(SPEC_SECRET, headers, SPEC_BODY,
                Instant.ofEpochSecond(SPEC_TIMESTAMP + 10))).doesNotThrowAnyException();
    }

    @Test
    void headersAreTheThreeStandardOnesInOrder() {
        Map<String, String> headers = WebhookSigner.headers(SPEC_SECRET, SPEC_ID,
                Instant.ofEpochSecond(SPEC_TIMESTAMP, 999_000_000), SPEC_BODY);
        assertThat(headers).containsExactly(Map.entry("webhook-id", SPEC_ID),
                Map.entry("webhook-timestamp", "1614265330"), Map.entry("webhook-signature", SPEC_SIGNATURE));
        assertThatThrownBy(() -> headers.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void signThenVerifyPasses() {
        Map<String, String> headers = WebhookSigner.headers(SECRET, "msg_alert_1", NOW, BODY);
        assertThatCode(() -> StandardWebhooksVerifier.verify(SECRET, headers, BODY, NOW)).doesNotThrowAnyException();
        assertThatCode(() -> StandardWebhooksVerifier.verify(SECRET, headers, BODY,
                NOW.plus(Duration.ofMinutes(5)))).doesNotThrowAnyException();
        assertThatCode(() -> StandardWebhooksVerifier.verify(SECRET, headers, BODY,
                NOW.minus(Duration.ofMinutes(5)))).doesNotThrowAnyException();
    }

    @Test
    void aTamperedBodyFails() {
        Map<String, String> headers = WebhookSigner.headers(SECRET, "msg_alert_1", NOW, BODY);
        String tampered = BODY.replace("101.50", "1.50");
        assertThatThrownBy(() -> StandardWebhooksVerifier.verify(SECRET, headers, tampered, NOW))
                .isInstanceOf(VerificationException.class);
        assertThatThrownBy(() -> StandardWebhooksVerifier.verify(SECRET, headers, BODY + " ", NOW))
                .isInstanceOf(VerificationException.class);
    }

    @Test
    void tamperedMetadataFails() {
        Map<String, String> otherId = new LinkedHashMap<>(WebhookSigner.headers(SECRET, "msg_alert_1", NOW, BODY));
        otherId.put("webhook-id", "msg_alert_2");
        assertThatThrownBy(() -> StandardWebhooksVerifier.verify(SECRET, otherId, BODY, NOW))
                .isInstanceOf(VerificationException.class);

        Map<String, String> otherTime = new LinkedHashMap<>(WebhookSigner.headers(SECRET, "msg_alert_1", NOW, BODY));
        otherTime.put("webhook-timestamp", Long.toString(NOW.getEpochSecond() + 1));
        assertThatThrownBy(() -> StandardWebhooksVerifier.verify(SECRET, otherTime, BODY, NOW))
                .isInstanceOf(VerificationException.class);
    }

    @Test
    void aWrongSecretFails() {
        Map<String, String> headers = WebhookSigner.headers(SECRET, "msg_alert_1", NOW, BODY);
        String other = WebhookSigner.newSecret(new SecureRandom());
        assertThatThrownBy(() -> StandardWebhooksVerifier.verify(other, headers, BODY, NOW))
                .isInstanceOf(VerificationException.class);
    }

    @Test
    void anOldOrFutureTimestampFails() {
        Map<String, String> old = WebhookSigner.headers(SECRET, "msg_alert_1",
                NOW.minus(Duration.ofMinutes(5)).minusSeconds(1), BODY);
        assertThatThrownBy(() -> StandardWebhooksVerifier.verify(SECRET, old, BODY, NOW))
                .isInstanceOf(VerificationException.class);
        Map<String, String> future = WebhookSigner.headers(SECRET, "msg_alert_1",
                NOW.plus(Duration.ofMinutes(5)).plusSeconds(1), BODY);
        assertThatThrownBy(() -> StandardWebhooksVerifier.verify(SECRET, future, BODY, NOW))
                .isInstanceOf(VerificationException.class);
    }

    @Test
    void aMissingHeaderFails() {
        Map<String, String> headers = WebhookSigner.headers(SECRET, "msg_alert_1", NOW, BODY);
        for (String name : headers.keySet()) {
            Map<String, String> without = new HashMap<>(headers);
            without.remove(name);
            assertThatThrownBy(() -> StandardWebhooksVerifier.verify(SECRET, without, BODY, NOW)).as(name)
                    .isInstanceOf(VerificationException.class);
        }
    }

    @Test
    void anySignatureInTheListMayMatchSoSecretsCanRotate() {
        String oldSecret = WebhookSigner.newSecret(new SecureRandom());
        long ts = NOW.getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>(WebhookSigner.headers(SECRET, "msg_alert_1", NOW, BODY));
        headers.put("webhook-signature", WebhookSigner.sign(oldSecret, "msg_alert_1", ts, BODY) + " "
                + WebhookSigner.sign(SECRET, "msg_alert_1", ts, BODY));
        assertThatCode(() -> StandardWebhooksVerifier.verify(SECRET, headers, BODY, NOW)).doesNotThrowAnyException();
        assertThatCode(() -> StandardWebhooksVerifier.verify(oldSecret, headers, BODY, NOW))
                .doesNotThrowAnyException();

        // The same bytes under another scheme identifier do not count as v1.
        String v1 = WebhookSigner.sign(SECRET, "msg_alert_1", ts, BODY);
        headers.put("webhook-signature", "v1a," + v1.substring(3));
        assertThatThrownBy(() -> StandardWebhooksVerifier.verify(SECRET, headers, BODY, NOW))
                .isInstanceOf(VerificationException.class);
    }

    @Test
    void signsNonAsciiBodiesAsUtf8() {
        String body = "{\"note\":\"Überschreitung – 5 €\"}";
        Map<String, String> headers = WebhookSigner.headers(SECRET, "msg_alert_1", NOW, body);
        assertThatCode(() -> StandardWebhooksVerifier.verify(SECRET, headers, body, NOW)).doesNotThrowAnyException();
    }

    @Test
    void newSecretsAreWhsecPlus32RandomBytes() {
        SecureRandom random = new SecureRandom();
        String first = WebhookSigner.newSecret(random);
        String second = WebhookSigner.newSecret(random);
        assertThat(first).startsWith("whsec_").isNotEqualTo(second);
        assertThat(Base64.getDecoder().decode(first.substring("whsec_".length()))).hasSize(32);
        assertThat(first).hasSize("whsec_".length() + 44);
    }

    @Test
    void rejectsBadSecretsWithoutEchoingThem() {
        String raw = SECRET.substring("whsec_".length());
        assertThatThrownBy(() -> WebhookSigner.sign(raw, "msg_1", 1, BODY))
                .isInstanceOf(IllegalArgumentException.class).message().doesNotContain(raw);
        assertThatThrownBy(() -> WebhookSigner.headers("whsk_" + raw, "msg_1", NOW, BODY))
                .isInstanceOf(IllegalArgumentException.class);
        String notBase64 = "whsec_not*base64!";
        assertThatThrownBy(() -> WebhookSigner.sign(notBase64, "msg_1", 1, BODY))
                .isInstanceOf(IllegalArgumentException.class).message().doesNotContain("not*base64");
        String tooShort = "whsec_" + Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> WebhookSigner.sign(tooShort, "msg_1", 1, BODY))
                .isInstanceOf(IllegalArgumentException.class);
        String tooLong = "whsec_" + Base64.getEncoder().encodeToString(new byte[65]);
        assertThatThrownBy(() -> WebhookSigner.sign(tooLong, "msg_1", 1, BODY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsMessageIdsThatCouldBreakTheSignedContentOrTheHeader() {
        for (String id : new String[] { "", "msg.1", "msg 1", "msg\n1" }) {
            assertThatThrownBy(() -> WebhookSigner.sign(SECRET, id, 1, BODY)).as(id)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> WebhookSigner.sign(SECRET, "msg_1", -1, BODY))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
