package io.meterline.metering.ingest;

import static io.meterline.metering.Metering.awaitStored;
import static io.meterline.metering.Metering.count;
import static io.meterline.metering.Metering.meter;
import static io.meterline.metering.Metering.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.meterline.contracts.Topics;
import io.meterline.metering.MeteringTest;
import io.meterline.testing.EventFeed;
import io.meterline.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Records on meterline.usage.raw that the consumer cannot read or store, as an older or broken producer could write
 * them (the API refuses such events): they are set aside on the dead-letter topic, and every other event is stored.
 * Before, an unreadable record was skipped with a log line, and one event the database refused held its whole batch
 * and partition forever.
 */
@QuarkusTest
@MeteringTest
class UsageConsumerFaultsTest {

    private final Instant at = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    @Test
    void aRecordThatCannotBeReadIsSetAsideAndTheRestOfItsBatchIsStored() {
        String meter = meter("SUM", null);
        String customer = unique("unreadable");
        RawUsageEvent first = RawEvents.customerEvent("u-1", meter, customer, "1", at);
        String key = first.recordKey();
        publish(key, RawUsageEventCodec.encode(first), "not an event".getBytes(StandardCharsets.UTF_8),
                RawUsageEventCodec.encode(RawEvents.customerEvent("u-2", meter, customer, "2", at)));

        awaitStored("c:" + customer, 2);
        List<TopicReader.Message> setAside = TopicReader.await(RawDeadLetters.TOPIC, m -> key.equals(m.key())
                && "not an event".equals(m.value()), Duration.ofSeconds(20));
        assertThat(setAside).hasSize(1);
        assertThat(setAside.get(0).header("dead-letter-reason")).startsWith("unreadable");
        assertThat(setAside.get(0).header("dead-letter-topic")).isEqualTo(Topics.USAGE_RAW);
        assertThat(setAside.get(0).header("dead-letter-offset")).isNotBlank();
        given().when().get("/q/health/ready").then()
                .body("checks.name", hasItem("usage-consumer"),
                        "checks.find { it.name == 'usage-consumer' }.data.setAsideInWindow", greaterThanOrEqualTo(1));
    }

    @Test
    void anEventTheDatabaseRefusesIsSetAsideAloneAndItsBatchIsStored() {
        String meter = meter("SUM", null);
        String customer = unique("poison");
        RawUsageEvent poison = new RawUsageEvent(1, "p-2", meter, customer, null, "gate\u0000way", at,
                BigDecimal.TEN, Map.of(), at);
        String key = poison.recordKey();
        byte[][] records = new byte[9][];
        for (int i = 0; i < records.length; i++) {
            records[i] = RawUsageEventCodec.encode(i == 2 ? poison
                    : RawEvents.customerEvent("p-" + i, meter, customer, "1", at));
        }
        publish(key, records);

        awaitStored("c:" + customer, 8);
        List<TopicReader.Message> setAside = TopicReader.await(RawDeadLetters.TOPIC,
                m -> key.equals(m.key()) && m.header("dead-letter-reason").startsWith("cannot be stored"),
                Duration.ofSeconds(20));
        assertThat(setAside).hasSize(1);
        assertThat(setAside.get(0).header("dead-letter-reason")).contains("0x00");
        assertThat(count("SELECT count(*) FROM meter_event WHERE scope = ? AND event_id = 'p-2'", "c:" + customer))
                .isZero();
        assertThat(count("SELECT coalesce(sum(event_count), 0) FROM usage_rollup WHERE customer = ?", customer))
                .isEqualTo(8);
    }

    private static void publish(String key, byte[]... values) {
        EventFeed.publishAsIs(Topics.USAGE_RAW, key, values);
    }
}
