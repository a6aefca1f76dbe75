package io.meterline.localstack.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** The demo loader's usage posts against a server answering as metering does when Kafka is slow to take a batch. */
class DemoApiTest {

    private static final String UNAVAILABLE = "{\"status\":503,\"detail\":\"Kafka did not take this batch\"}";

    @TempDir
    Path home;

    private HttpServer server;
    private final Deque<Integer> answers = new ConcurrentLinkedDeque<>(); // read by the server's thread
    private final AtomicInteger posts = new AtomicInteger();
    private DemoApi api;
    private String events;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/token", exchange -> reply(exchange, 200, null,
                "{\"access_token\":\"t\",\"expires_in\":300}"));
        server.createContext("/events", exchange -> {
            posts.incrementAndGet();
            int status = answers.isEmpty() ? 202 : answers.poll();
            reply(exchange, status, status == 503 ? "0" : null, status == 202 ? "{\"accepted\":1}" : UNAVAILABLE);
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        Files.writeString(home.resolve("credentials"), "TOKEN_URL=" + base + "/token\nAUTOMATION_CLIENT_ID=c\n"
                + "AUTOMATION_CLIENT_SECRET=s\n");
        api = new DemoApi(home);
        events = base + "/events";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void usageRefusedAsUnavailableIsSentAgainUntilTaken() {
        answers.addAll(List.of(503, 429, 503));

        var answer = api.postUsage(events, List.of(Map.of("id", "e-1")), 202, Duration.ofSeconds(30));

        assertThat(answer.get("accepted").asInt()).isEqualTo(1);
        assertThat(posts).hasValue(4);
    }

    @Test
    void aRefusalOtherThanUnavailableIsNotSentAgain() {
        answers.add(400);

        assertThatThrownBy(() -> api.postUsage(events, List.of(Map.of("id", "e-1")), 202, Duration.ofSeconds(30)))
                .hasMessageContaining("answered 400");
        assertThat(posts).hasValue(1);
    }

    @Test
    void unavailableBeyondTheDeadlineFailsWithTheLastAnswer() {
        for (int i = 0; i < 100; i++) {
            answers.add(503);
        }

        assertThatThrownBy(() -> api.postUsage(events, List.of(Map.of("id", "e-1")), 202, Duration.ofMillis(600)))
                .hasMessageContaining("answered 503").hasMessageContaining("Kafka did not take this batch");
        assertThat(posts.get()).as("gave up after the deadline, not after every answer").isBetween(1, 5);
    }

    @Test
    void retryAfterIsHonouredWithinBounds() {
        assertThat(DemoApi.retryAfterMillis("2")).isEqualTo(2_000);
        assertThat(DemoApi.retryAfterMillis("0")).isEqualTo(250);
        assertThat(DemoApi.retryAfterMillis("3600")).isEqualTo(5_000);
        assertThat(DemoApi.retryAfterMillis(null)).isEqualTo(1_000);
        assertThat(DemoApi.retryAfterMillis("Wed, 21 Oct 2026 07:28:00 GMT")).isEqualTo(1_000);
    }

    private static void reply(HttpExchange exchange, int status, String retryAfter, String body) throws IOException {
        exchange.getRequestBody().readAllBytes();
        if (retryAfter != null) {
            exchange.getResponseHeaders().add("Retry-After", retryAfter);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
