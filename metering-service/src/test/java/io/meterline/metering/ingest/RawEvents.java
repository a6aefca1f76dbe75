package io.meterline.metering.ingest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** Raw events as the usage consumer hands them to the writer, for tests that drive the writer directly. */
final class RawEvents {

    private RawEvents() {
    }

    /** A customer's event with no dimensions, timestamped and ingested at {@code at}. */
    static RawUsageEvent customerEvent(String id, String meter, String customer, String value, Instant at) {
        return new RawUsageEvent(1, id, meter, customer, null, "test", at, new BigDecimal(value), Map.of(), at);
    }
}
