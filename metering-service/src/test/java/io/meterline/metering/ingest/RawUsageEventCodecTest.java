package io.meterline.metering.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class RawUsageEventCodecTest {

    private static final RawUsageEvent FULL = new RawUsageEvent(1, "evt-1", "llm_tokens", "acme", "gw-eu-1", "llm-gateway",
            Instant.parse("2026-11-20T10:00:00.123456789Z"), new BigDecimal("1250.000000001"),
            new TreeMap<>(Map.of("model", "gpt-4o", "région", "eu \u2603 \uD83D\uDE00")),
            Instant.parse("2026-11-20T10:00:01Z"));

    @Test
    void roundTripsEveryField() {
        byte[] bytes = RawUsageEventCodec.encode(FULL);
        assertThat(RawUsageEventCodec.isBinary(bytes)).isTrue();
        assertThat(RawUsageEventCodec.decode(bytes)).isEqualTo(FULL);
    }

    @Test
    void roundTripsAbsentFieldsAndTimesBefore1970() {
        RawUsageEvent sparse = new RawUsageEvent(1, "e", "m", null, "host-1", null, Instant.parse("1969-12-31T23:59:59.5Z"),
                BigDecimal.ONE, Map.of(), null);
        assertThat(RawUsageEventCodec.decode(RawUsageEventCodec.encode(sparse))).isEqualTo(sparse);
    }

    @Test
    void tellsTheJsonFormApartAndRefusesDamagedRecords() {
        assertThat(RawUsageEventCodec.isBinary("{\"v\":1}".getBytes(StandardCharsets.UTF_8))).isFalse();
        byte[] bytes = RawUsageEventCodec.encode(FULL);
        assertThatThrownBy(() -> RawUsageEventCodec.decode(Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RawUsageEventCodec.decode(Arrays.copyOf(bytes, bytes.length + 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RawUsageEventCodec.decode(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
