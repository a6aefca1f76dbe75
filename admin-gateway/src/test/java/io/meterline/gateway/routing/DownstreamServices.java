package io.meterline.gateway.routing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Stands in for the four services' HTTP edge in the gateway's own tests: a real HTTP server that records each request
 * it gets and answers what the test scripted for its path. Metering, pricing and billing are served under their own
 * path prefix on it, so a recorded path says which service a call reached; projection points at a closed port (a
 * service that is down). The services themselves are exercised end to end by the browser tests.
 */
public class DownstreamServices implements QuarkusTestResourceLifecycleManager {

    /** A request as the service received it. */
    public record Received(String method, String path, String query, Map<String, String> headers, String body) {
    }

    /** What the service answers to a path: status, headers and body. */
    public record Answer(int status, Map<String, String> headers, String body) {
    }

    public static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    public static final Map<String, Answer> SCRIPT = new java.util.concurrent.ConcurrentHashMap<>();
    public static volatile int port;
    /** Answers marked {@code X-Hold} wait for this: a service that does not answer until the test lets it. */
    private static volatile CountDownLatch held = new CountDownLatch(0);
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
            server.createContext("/", exchange -> {
                Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
                String body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                String path = exchange.getRequestURI().getRawPath();
                RECEIVED.add(new Received(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
                        headers, body));
                Answer answer = SCRIPT.getOrDefault(path, new Answer(200, Map.of("Content-Type",
                        "application/json"), "{\"items\":[]}"));
                if (answer.headers().containsKey("X-Hold")) {
                    awaitRelease();
                }
                answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
                byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            server.start();
            port = server.getAddress().getPort();
            String base = "http://127.0.0.1:" + port;
            return Map.of("meterline.gateway.metering-url", base + "/metering",
                    "meterline.gateway.pricing-url", base + "/pricing",
                    "meterline.gateway.billing-url", base + "/billing",
                    "meterline.gateway.projection-url", "http://127.0.0.1:" + closedPort(),
                    "meterline.gateway.relay-timeout", "PT2S", "meterline.gateway.view-timeout", "PT1S");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A port nothing listens on: taken, then released. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** From now on, answers marked {@code X-Hold} wait until {@link #release()}. */
    public static void hold() {
        held = new CountDownLatch(1);
    }

    /** Lets held answers go (each test ends with it, so no server thread stays blocked). */
    public static void release() {
        held.countDown();
    }

    private static void awaitRelease() {
        try {
            held.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
