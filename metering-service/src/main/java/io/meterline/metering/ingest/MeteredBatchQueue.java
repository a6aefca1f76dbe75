package io.meterline.metering.ingest;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * {@code metered_batch}: an outbox of one row per stored batch (not per event) for {@code meterline.usage.metered},
 * emptied by {@link MeteredUsageRelay}.
 */
final class MeteredBatchQueue {

    private static final String QUEUE = "INSERT INTO metered_batch (batch_id) VALUES (?) RETURNING created_at";

    private static final SecureRandom RANDOM = new SecureRandom();

    private MeteredBatchQueue() {
    }

    /** Queues the batch; returns when it was stored, by the database's clock. */
    static Instant queue(Connection c, UUID batch) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(QUEUE)) {
            s.setObject(1, batch);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getObject(1, OffsetDateTime.class).toInstant();
            }
        }
    }

    /**
     * A batch id whose first 48 bits are the time in milliseconds (the layout of a version 7 UUID), so ids grow and
     * the index on {@code meter_event.batch_id} is appended at its end rather than written all over.
     */
    static UUID orderedUuid() {
        long millis = System.currentTimeMillis();
        long high = (millis << 16) | 0x7000L | (RANDOM.nextInt() & 0x0FFFL);
        long low = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
