package io.meterline.projection.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.meterline.contracts.Topics;
import io.meterline.contracts.usage.MeteredUsageEvent;
import io.meterline.localstack.postgres.PostgresServer;
import io.meterline.localstack.services.MeterlineService;
import io.meterline.testing.EventFeed;
import io.meterline.testing.KafkaTestResource;
import io.meterline.testing.OidcTestResource;
import io.meterline.testing.ServiceProcess;

/**
 * projection-service's usage totals stay exact when its process is killed (SIGKILL) mid-batch and when its consumer is
 * rewound to the start of {@code meterline.usage.metered}: Kafka delivers the same records again, and each event
 * identity counts once. Runs the built jar as a process of its own, after {@code package}.
 */
class ProjectionCrashIT {

    static final int EVENTS = 60_000;
    static final String GROUP = "projection-service-usage";
    static OidcTestResource oidc;
    static ServiceProcess projection;

    @BeforeAll
    static void startProjection() {
        oidc = new OidcTestResource();
        oidc.start();
        // Small polls, so that the 60,000 events take many batches and the kill lands in the middle of them.
        projection = ServiceProcess.of(MeterlineService.PROJECTION, Map.of("meterline.projection-client.secret",
                "test-secret", "mp.messaging.incoming.usage.max.poll.records", "500")).start();
    }

    @AfterAll
    static void stop() {
        if (projection != null) {
            projection.close();
        }
        if (oidc != null) {
            oidc.stop();
        }
    }

    @Test
    void killedMidBatchAndRewoundToTheStartTheTotalsCountEveryEventOnce() throws Exception {
        String meter = "crash_" + UUID.randomUUID().toString().substring(0, 8);
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        List<EventFeed.Keyed> events = new ArrayList<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < EVENTS; i++) {
            String customer = meter + "-c" + (i % 200);
            BigDecimal value = BigDecimal.valueOf(1 + i % 7).movePointLeft(i % 3);
            sum = sum.add(value);
            events.add(new EventFeed.Keyed(customer, "{\"v\":" + MeteredUsageEvent.SCHEMA_VERSION + ",\"id\":\"e" + i
                    + "\",\"identityScope\":\"c:" + customer + "\",\"meter\":\"" + meter + "\",\"client\":\""
                    + customer + "\",\"customer\":\"" + customer + "\",\"source\":\"crash-test\",\"timestamp\":\""
                    + hour.minus(i % 24, ChronoUnit.HOURS) + "\",\"value\":\"" + value.toPlainString()
                    + "\",\"dimensions\":{},\"storedAt\":\"" + Instant.now() + "\"}"));
        }
        EventFeed.publishAll(Topics.USAGE_METERED, MeteredUsageEvent.TYPE, "/meterline/metering-service", events);

        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                .until(() -> totals(meter).events() > 0);
        projection.kill();
        long atCrash = totals(meter).events();
        assertThat(atCrash).as("events applied when the process died").isBetween(1L, EVENTS - 1L);

        Instant restarting = Instant.now();
        projection.start();
        Totals expected = new Totals(EVENTS, sum);
        awaitCaughtUp();
        assertThat(totals(meter)).as("after the crash").isEqualTo(expected);
        System.out.printf("FAULT projection-service killed mid-batch: %d of %d events applied at the kill; all %d "
                + "counted once %d ms after the restart began%n", atCrash, EVENTS, EVENTS,
                Duration.between(restarting, Instant.now()).toMillis());

        // Rewound: the group's offsets go back to the start of the topic while no member is in it.
        projection.stop();
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
            for (TopicPartition tp : partitions(admin)) {
                start.put(tp, new OffsetAndMetadata(0));
            }
            Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> admin.alterConsumerGroupOffsets(GROUP, start).all().get() == null);
            assertThat(committed(admin).values()).allMatch(offset -> offset == 0);
        }
        Instant rewound = Instant.now();
        projection.start();
        awaitCaughtUp();
        assertThat(totals(meter)).as("after the rewind").isEqualTo(expected);
        System.out.printf("FAULT projection consumer rewound to the start: %d events delivered again in %d ms, each "
                + "still counted once%n", EVENTS, Duration.between(rewound, Instant.now()).toMillis());
    }

    private record Totals(long events, BigDecimal value) {

        @Override
        public boolean equals(Object o) {
            return o instanceof Totals t && t.events == events && t.value.compareTo(value) == 0;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(events);
        }
    }

    private static Totals totals(String meter) throws Exception {
        try (Connection db = DriverManager.getConnection(projection.jdbcUrl(), PostgresServer.USER,
                PostgresServer.PASSWORD);
             PreparedStatement s = db.prepareStatement("SELECT coalesce(sum(events), 0), coalesce(sum(value), 0) "
                     + "FROM usage_hour WHERE meter = ?")) {
            s.setString(1, meter);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new Totals(rs.getLong(1), rs.getBigDecimal(2));
            }
        }
    }

    /** Until the group has committed every record on the topic: all were applied, or found applied before. */
    private static void awaitCaughtUp() throws Exception {
        try (Admin admin = admin()) {
            Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
                Map<TopicPartition, Long> committed = committed(admin);
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                for (TopicPartition tp : partitions(admin)) {
                    latest.put(tp, OffsetSpec.latest());
                }
                var ends = admin.listOffsets(latest).all().get();
                return ends.entrySet().stream()
                        .allMatch(e -> committed.getOrDefault(e.getKey(), 0L) >= e.getValue().offset());
            });
        }
    }

    private static List<TopicPartition> partitions(Admin admin) throws Exception {
        return admin.describeTopics(List.of(Topics.USAGE_METERED)).allTopicNames().get().get(Topics.USAGE_METERED)
                .partitions().stream().map(p -> new TopicPartition(Topics.USAGE_METERED, p.partition())).toList();
    }

    private static Map<TopicPartition, Long> committed(Admin admin) throws Exception {
        Map<TopicPartition, Long> out = new HashMap<>();
        admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get().forEach((tp, offset) -> {
            if (tp.topic().equals(Topics.USAGE_METERED) && offset != null) {
                out.put(tp, offset.offset());
            }
        });
        return out;
    }

    private static Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers());
        return Admin.create(props);
    }
}
