package io.meterline.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;

class CloudEventEnvelopeTest {

    private static Map<String, String> asMap(Headers headers) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Header h : headers) {
            map.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
        }
        return map;
    }

    @Test
    void theEnvelopeIsTheBinaryModeHeadersWithTheTimeInUtc() {
        Instant at = Instant.parse("2026-11-30T10:15:30.120Z");
        var envelope = new CloudEventEnvelope("e-1", CloudEventEnvelope.source("pricing-service"),
                "io.meterline.pricing.unit-type-changed.v1", "u-9", at);
        assertThat(asMap(envelope.headers())).containsExactly(
                Map.entry("ce_specversion", "1.0"),
                Map.entry("ce_id", "e-1"),
                Map.entry("ce_source", "/meterline/pricing-service"),
                Map.entry("ce_type", "io.meterline.pricing.unit-type-changed.v1"),
                Map.entry("ce_time", "2026-11-30T10:15:30.120Z"),
                Map.entry("ce_subject", "u-9"),
                Map.entry("content-type", "application/json"));
    }

    @Test
    void theSubjectIsOptionalAndTheRestRequired() {
        var envelope = new CloudEventEnvelope("e-1", "/meterline/x", "t.v1", null, Instant.EPOCH);
        assertThat(asMap(envelope.headers())).doesNotContainKey("ce_subject").containsEntry("ce_time",
                "1970-01-01T00:00:00Z");
        assertThatThrownBy(() -> new CloudEventEnvelope(null, "/meterline/x", "t.v1", null, Instant.EPOCH))
                .isInstanceOf(NullPointerException.class).hasMessage("id");
        assertThatThrownBy(() -> new CloudEventEnvelope("e", "/meterline/x", null, null, Instant.EPOCH))
                .isInstanceOf(NullPointerException.class).hasMessage("type");
    }

    @Test
    void whatTheEnvelopeWritesTheReaderReads() {
        var envelope = new CloudEventEnvelope("e-2", "/meterline/billing-service", "t.v1", "acme", Instant.EPOCH);
        var record = new org.apache.kafka.clients.consumer.ConsumerRecord<String, String>("topic", 0, 7, "k", "{}");
        envelope.headers().forEach(h -> record.headers().add(h));
        assertThat(CloudEventRecords.header(record, "ce_id")).isEqualTo("e-2");
        assertThat(CloudEventRecords.header(record, "ce_subject")).isEqualTo("acme");
    }
}
