package io.meterline.platform.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class UtcInstantsTest {

    @Property(tries = 5000)
    void formatsAsInstantToStringDoes(@ForAll @LongRange(min = -62_000_000_000L, max = 260_000_000_000L) long seconds,
            @ForAll @IntRange(min = 0, max = 999_999_999) int nanos, @ForAll @IntRange(min = 0, max = 3) int precision) {
        Instant instant = Instant.ofEpochSecond(seconds, truncate(nanos, precision));
        assertThat(UtcInstants.format(instant)).isEqualTo(instant.toString());
    }

    @Property(tries = 5000)
    void parsesWhatInstantParses(@ForAll @LongRange(min = -62_000_000_000L, max = 253_402_300_799L) long seconds,
            @ForAll @IntRange(min = 0, max = 999_999_999) int nanos, @ForAll @IntRange(min = 0, max = 3) int precision) {
        Instant instant = Instant.ofEpochSecond(seconds, truncate(nanos, precision));
        assertThat(UtcInstants.parse(instant.toString())).isEqualTo(instant);
    }

    @Test
    void readsEveryFractionLengthAndOffsets() {
        assertThat(UtcInstants.parse("2026-11-20T10:00:00.1Z")).isEqualTo(Instant.parse("2026-11-20T10:00:00.100Z"));
        assertThat(UtcInstants.parse("2026-11-20T10:00:00.12345Z")).isEqualTo(Instant.parse("2026-11-20T10:00:00.12345Z"));
        assertThat(UtcInstants.parse("2026-11-20T12:00:00+02:00")).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
        assertThat(UtcInstants.parse("2024-02-29T23:59:59Z")).isEqualTo(Instant.parse("2024-02-29T23:59:59Z"));
    }

    /** It also takes what Instant.parse takes, such as 24:00 and an empty fraction, by falling back to it. */
    @Test
    void refusesWhatInstantRefuses() {
        for (String bad : new String[] { "2026-02-30T10:00:00Z", "2026-13-01T10:00:00Z",
                "2026-11-20T10:00:00.1234567891Z", "2026-11-20 10:00:00Z", "2026-11-2OT10:00:00Z",
                "2026-11-20T10:00:00", "yesterday" }) {
            assertThatThrownBy(() -> UtcInstants.parse(bad)).as(bad).isInstanceOf(DateTimeParseException.class);
        }
    }

    private static int truncate(int nanos, int precision) {
        return switch (precision) {
            case 0 -> 0;
            case 1 -> nanos / 1_000_000 * 1_000_000;
            case 2 -> nanos / 1000 * 1000;
            default -> nanos;
        };
    }
}
