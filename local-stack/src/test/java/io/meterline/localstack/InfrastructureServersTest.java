package io.meterline.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.meterline.localstack.kafka.KafkaBroker;
import io.meterline.localstack.postgres.PostgresServer;
import io.meterline.localstack.process.Ports;

class InfrastructureServersTest {

    @TempDir
    Path temp;

    @Test
    void postgresKeepsItsDataAcrossARestart() throws Exception {
        Path data = temp.resolve("pg");
        int port = Ports.freePort();
        try (PostgresServer pg = PostgresServer.start(port, Optional.of(data))) {
            pg.ensureDatabase("metering");
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl("metering"), PostgresServer.USER,
                    PostgresServer.PASSWORD); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (v int)");
                s.execute("INSERT INTO kept VALUES (42)");
            }
        }
        try (PostgresServer pg = PostgresServer.start(port, Optional.of(data))) {
            pg.ensureDatabase("metering");
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl("metering"), PostgresServer.USER,
                    PostgresServer.PASSWORD); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT v FROM kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
        }
    }

    @Test
    void kafkaBrokerRoundTripsARecordAndStopsWithoutLeavingAProcess() {
        Path data = temp.resolve("kafka");
        KafkaBroker broker = KafkaBroker.start(Ports.freePort(), Ports.freePort(), data, data.resolve("kafka.log"),
                Duration.ofSeconds(90));
        long pid = broker.process().pid();
        try {
            Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                    new StringSerializer())) {
                producer.send(new ProducerRecord<>("selftest", "k", "hello")).get();
            }
            Map<String, Object> consumerConfig = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "selftest", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                    new StringDeserializer())) {
                consumer.subscribe(List.of("selftest"));
                String received = null;
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (received == null && System.nanoTime() < deadline) {
                    ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                    if (!records.isEmpty()) {
                        received = records.iterator().next().value();
                    }
                }
                assertThat(received).isEqualTo("hello");
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            broker.close();
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(Files.exists(data.resolve("data").resolve("meta.properties"))).isTrue();
    }
}
