package io.meterline.metering.ingest;

import static io.meterline.metering.Metering.awaitStored;
import static io.meterline.metering.Metering.count;
import static io.meterline.metering.Metering.event;
import static io.meterline.metering.Metering.events;
import static io.meterline.metering.Metering.meter;
import static io.meterline.metering.Metering.send;
import static io.meterline.metering.Metering.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.meterline.contracts.Topics;
import io.meterline.metering.MeteringTest;
import io.meterline.testing.KafkaTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Each event identity is counted once, whatever the retries, duplicates, concurrency and crashes. */
@QuarkusTest
@MeteringTest
class ExactlyOnceTest {

    private final String now = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();

    @Inject
    UsageConsumer consumer;

    @Inject
    IngestConfig config;

    private static long sum(String scope) {
        return count("SELECT coalesce(sum(value), 0)::bigint FROM meter_event WHERE scope = ?", scope);
    }

    private static long rollupSum(String meter, String customer) {
        return count("SELECT coalesce(sum(value_sum), 0)::bigint FROM usage_rollup WHERE meter = ? AND customer = ?",
                meter, customer);
    }

    @Test
    void aDuplicateInsideOneBatchIsCountedOnce() {
        String meter = meter("SUM", null);
        String customer = unique("dup");
        send(List.of(event("a", meter, customer, now, "5"), event("a", meter, customer, now, "5"),
                event("b", meter, customer, now, "7"))).statusCode(202).body("accepted", equalTo(3));
        awaitStored("c:" + customer, 2);
        assertThat(sum("c:" + customer)).isEqualTo(12);
        assertThat(rollupSum(meter, customer)).isEqualTo(12);
    }

    @Test
    void aRetriedBatchAndConcurrentDuplicatesAreCountedOnce() throws Exception {
        String meter = meter("SUM", null);
        String customer = unique("retry");
        List<Map<String, Object>> batch = events(200, meter, customer, now);
        send(batch).statusCode(202);
        send(batch).statusCode(202);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> sends = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                sends.add(pool.submit(() -> send(batch).statusCode(202)));
            }
            for (Future<?> f : sends) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        // A sentinel sent after all copies: once stored, every copy before it has been seen.
        send(List.of(event("sentinel", meter, customer, now, "0"))).statusCode(202);
        awaitStored("c:" + customer, 201);
        assertThat(sum("c:" + customer)).isEqualTo(200L * 201 / 2);
        assertThat(rollupSum(meter, customer)).isEqualTo(200L * 201 / 2);
        assertThat(count("SELECT sum(event_count) FROM usage_rollup WHERE meter = ? AND customer = ?", meter, customer))
                .isEqualTo(201);
    }

    @Test
    void theSameIdWithAnotherValueOrTimestampKeepsTheFirst() {
        String meter = meter("SUM", null);
        String customer = unique("conflict");
        send(List.of(event("x", meter, customer, now, "5"))).statusCode(202);
        awaitStored("c:" + customer, 1);
        String later = Instant.parse(now).plus(1, ChronoUnit.MINUTES).toString();
        send(List.of(event("x", meter, customer, now, "500"), event("x", meter, customer, later, "5"),
                event("sentinel", meter, customer, now, "1"))).statusCode(202);
        awaitStored("c:" + customer, 2);
        assertThat(sum("c:" + customer)).isEqualTo(6);
    }

    @Test
    void everyStoredEventIsPublishedOnTheMeteredTopicWithItsClient() {
        String meter = meter("SUM", null);
        String customer = unique("metered");
        send(List.of(event("m-1", meter, customer, now, "3"), event("m-1", meter, customer, now, "3"))).statusCode(202);
        var published = io.meterline.testing.TopicReader.await(Topics.USAGE_METERED,
                m -> m.value().contains("\"customer\":\"" + customer + "\""), java.time.Duration.ofSeconds(30));
        assertThat(published).hasSize(1);
        var payload = io.restassured.path.json.JsonPath.from(published.get(0).value());
        assertThat(payload.getString("client")).isEqualTo(customer);
        assertThat(payload.getString("value")).isEqualTo("3");
        assertThat(payload.getString("meter")).isEqualTo(meter);
    }

    @Test
    void theSameIdForAnotherCustomerIsAnotherEvent() {
        String meter = meter("SUM", null);
        String a = unique("a");
        String b = unique("b");
        send(List.of(event("shared-id", meter, a, now, "1"), event("shared-id", meter, b, now, "1"))).statusCode(202);
        awaitStored("c:" + a, 1);
        awaitStored("c:" + b, 1);
    }

    @Test
    void aConsumerThatCrashedBeforeCommittingOffsetsIsRedeliveredEverythingAndCountsNothingTwice() throws Exception {
        String meter = meter("SUM", null);
        String customer = unique("crash");
        send(events(300, meter, customer, now)).statusCode(202);
        awaitStored("c:" + customer, 300);

        // The crash: the database committed but the offsets did not. Rewind the group to the start of the topic,
        // which is what Kafka redelivers after such a crash, and restart the consumer.
        consumer.stop();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaTestResource.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> earliest = new java.util.HashMap<>();
            admin.describeTopics(List.of(Topics.USAGE_RAW)).allTopicNames().get().get(Topics.USAGE_RAW).partitions()
                    .forEach(p -> earliest.put(new TopicPartition(Topics.USAGE_RAW, p.partition()), OffsetSpec.earliest()));
            Map<TopicPartition, OffsetAndMetadata> rewind = new java.util.HashMap<>();
            admin.listOffsets(earliest).all().get()
                    .forEach((tp, info) -> rewind.put(tp, new OffsetAndMetadata(info.offset())));
            admin.alterConsumerGroupOffsets(config.consumerGroup(), rewind).all().get();
        }
        consumer.start();
        send(List.of(event("after-restart", meter, customer, now, "1"))).statusCode(202);
        awaitStored("c:" + customer, 301);
        assertThat(sum("c:" + customer)).isEqualTo(300L * 301 / 2 + 1);
        assertThat(rollupSum(meter, customer)).isEqualTo(300L * 301 / 2 + 1);
    }

    @Test
    void eventsWithoutACustomerAreScopedToTheirAssetAndDiscoverIt() {
        String meter = meter("SUM", null);
        String asset = unique("host");
        send(List.of(Map.of("id", "1", "meter", meter, "asset", asset, "source", "k8s", "timestamp", now, "value", "3"),
                Map.of("id", "1", "meter", meter, "asset", asset, "source", "k8s", "timestamp", now, "value", "3")))
                .statusCode(202);
        awaitStored("a:" + asset, 1);
        assertThat(count("SELECT count(*) FROM asset WHERE id = ? AND source = 'k8s' AND NOT acknowledged", asset))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM outbox WHERE topic = ? AND record_key = ?", Topics.METERING_ASSETS, asset))
                .isEqualTo(1);
        // Announced as the asset API announces a change: the contract's fields, instants in UTC with a Z, the envelope.
        var discovered = io.meterline.testing.TopicReader.await(Topics.METERING_ASSETS, m -> asset.equals(m.key()),
                java.time.Duration.ofSeconds(20));
        assertThat(discovered).hasSize(1);
        var event = discovered.get(0);
        var payload = io.restassured.path.json.JsonPath.from(event.value());
        assertThat(payload.getInt("v")).isEqualTo(1);
        assertThat(payload.getString("change")).isEqualTo("discovered");
        assertThat(payload.getString("source")).isEqualTo("k8s");
        assertThat(payload.getBoolean("enabled")).isTrue();
        assertThat(payload.getBoolean("acknowledged")).isFalse();
        assertThat(payload.getString("firstSeen")).isEqualTo(now).endsWith("Z");
        assertThat(payload.getString("lastSeen")).isEqualTo(now);
        assertThat(event.header("ce_type")).isEqualTo(io.meterline.contracts.assets.AssetChanged.TYPE);
        assertThat(event.header("ce_source")).isEqualTo("/meterline/metering-service");
        assertThat(event.header("ce_subject")).isEqualTo(asset);
        assertThat(event.header("ce_time")).endsWith("Z");
    }
}
