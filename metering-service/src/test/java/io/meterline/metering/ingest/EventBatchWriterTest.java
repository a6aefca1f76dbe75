package io.meterline.metering.ingest;

import static io.meterline.metering.Metering.count;
import static io.meterline.metering.Metering.meter;
import static io.meterline.metering.Metering.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.meterline.contracts.Topics;
import io.meterline.metering.MeteringTest;
import io.meterline.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The writer on its own, for what the ingest API cannot bring about on demand: another writer claiming an identity
 * at the same moment, and a stored batch whose publishing never finished.
 */
@QuarkusTest
@MeteringTest
class EventBatchWriterTest {

    private final Instant at = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    @Inject
    EventBatchWriter writer;

    @Inject
    AgroalDataSource dataSource;

    private RawUsageEvent event(String id, String meter, String customer, String value) {
        return RawEvents.customerEvent(id, meter, customer, value, at);
    }

    @Test
    void anIdentityClaimedByAnotherWriterAtTheSameMomentIsStoredOnce() throws Exception {
        String meter = meter("SUM", null);
        String customer = unique("race");
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement s = other.prepareStatement(
                    "INSERT INTO event_identity (key, scope, event_id, fingerprint) "
                    + "SELECT ledger_key(scope, 'race-1'), scope, 'race-1', 1 FROM (VALUES (?)) AS v(scope)")) {
                s.setString(1, "c:" + customer);
                s.executeUpdate();
            }
            // The other writer has claimed race-1 but not committed: ours cannot see it yet, and must wait on it.
            CompletableFuture<EventBatchWriter.Outcome> ours = CompletableFuture.supplyAsync(() -> {
                try {
                    return writer.write(List.of(event("race-1", meter, customer, "5"), event("race-2", meter, customer, "7")));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(20)).until(() -> count(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()") > 0);
            other.commit();
            EventBatchWriter.Outcome outcome = ours.get();
            assertThat(outcome.received()).isEqualTo(2);
            assertThat(outcome.stored()).isEqualTo(1);
        }
        assertThat(count("SELECT count(*) FROM meter_event WHERE scope = ?", "c:" + customer)).isEqualTo(1);
        assertThat(count("SELECT coalesce(sum(value_sum), 0)::bigint FROM usage_rollup WHERE meter = ? AND customer = ?",
                meter, customer)).isEqualTo(7);
    }

    @Test
    void aBatchWhosePublishingNeverFinishedIsReadBackAndPublishedByTheRelay() throws Exception {
        String meter = meter("SUM", null);
        String customer = unique("unpublished");
        // Stored, but never handed to Kafka: as if the service stopped right after the commit.
        EventBatchWriter.Outcome outcome = writer.write(List.of(event("u-1", meter, customer, "2"),
                event("u-2", meter, customer, "3")));
        assertThat(outcome.stored()).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM metered_batch WHERE batch_id = ?::uuid AND published_at IS NULL",
                outcome.batchId().toString())).isEqualTo(1);
        // Past its grace: the relay takes it over.
        count("WITH aged AS (UPDATE metered_batch SET created_at = now() - interval '1 hour' WHERE batch_id = ?::uuid "
                + "RETURNING 1) SELECT count(*) FROM aged", outcome.batchId().toString());

        var published = TopicReader.await(Topics.USAGE_METERED,
                m -> m.value().contains("\"customer\":\"" + customer + "\""), 2, Duration.ofSeconds(30));
        assertThat(published).hasSize(2);
        assertThat(published).extracting(m -> JsonPath.from(m.value()).getString("client")).containsOnly(customer);
        // The platform's one envelope: the id is the event's identity, the time when it was stored.
        assertThat(published).extracting(m -> m.header("ce_id")).containsOnly("c:" + customer + "/u-1",
                "c:" + customer + "/u-2");
        assertThat(published).allSatisfy(m -> {
            assertThat(m.header("ce_specversion")).isEqualTo("1.0");
            assertThat(m.header("ce_type")).isEqualTo(io.meterline.contracts.usage.MeteredUsageEvent.TYPE);
            assertThat(m.header("ce_source")).isEqualTo("/meterline/metering-service");
            assertThat(m.header("ce_subject")).isEqualTo(customer);
            assertThat(m.header("ce_time")).isEqualTo(JsonPath.from(m.value()).getString("storedAt")).endsWith("Z");
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> count(
                "SELECT count(*) FROM metered_batch WHERE batch_id = ?::uuid AND published_at IS NOT NULL",
                outcome.batchId().toString()) == 1);
    }

    @Test
    void aLaterDuplicateThatDisagreesWithTheFirstIsCountedAsConflictingAndNotStored() throws Exception {
        String meter = meter("SUM", null);
        String customer = unique("conflict");
        assertThat(writer.write(List.of(event("c-1", meter, customer, "5"))).stored()).isEqualTo(1);
        EventBatchWriter.Outcome same = writer.write(List.of(event("c-1", meter, customer, "5.000")));
        assertThat(same.stored()).isZero();
        assertThat(same.conflicting()).isZero();
        EventBatchWriter.Outcome other = writer.write(List.of(event("c-1", meter, customer, "6"),
                new RawUsageEvent(1, "c-1", meter, customer, null, "test", at.plusSeconds(1), new BigDecimal("5"), Map.of(),
                        at)));
        assertThat(other.stored()).isZero();
        assertThat(other.conflicting()).isEqualTo(2);
        assertThat(count("SELECT coalesce(sum(value), 0)::bigint FROM meter_event WHERE scope = ?", "c:" + customer))
                .isEqualTo(5);
    }

    /** Raw events go in by binary COPY: decimals and instants must land exactly as their text would. */
    @Test
    void valuesAndTimestampsAreStoredExactlyAsTheirTextReads() throws Exception {
        String meter = meter("MAX", null);
        String customer = unique("exact");
        String[] values = { "0", "0.000000001", "12345678901234567890123456789.123456789", "10000", "1E+3",
            "99999999.99990000", "7.5" };
        int[] nanos = { 0, 1_500, 2_500, 999_999_999, 123_456_789, 500, 1_000 };
        List<RawUsageEvent> events = new java.util.ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            events.add(new RawUsageEvent(1, "x-" + i, meter, customer, null, "test", at.plusNanos(nanos[i]),
                    new BigDecimal(values[i]), Map.of(), at));
        }
        assertThat(writer.write(events).stored()).isEqualTo(values.length);
        for (int i = 0; i < values.length; i++) {
            Instant time = at.plusNanos(nanos[i]);
            assertThat(count("SELECT count(*) FROM meter_event WHERE scope = ? AND event_id = ? AND value = ?::numeric "
                    + "AND event_time = ?::timestamptz", "c:" + customer, "x-" + i, values[i], time.toString()))
                    .as("value %s at %s", values[i], time).isEqualTo(1);
        }
    }

    @Test
    void batchIdsGrowWithTime() {
        java.util.UUID first = MeteredBatchQueue.orderedUuid();
        java.util.UUID later = MeteredBatchQueue.orderedUuid();
        assertThat(first.version()).isEqualTo(7);
        assertThat(Long.compareUnsigned(later.getMostSignificantBits() >>> 16, first.getMostSignificantBits() >>> 16))
                .isGreaterThanOrEqualTo(0);
    }
}
