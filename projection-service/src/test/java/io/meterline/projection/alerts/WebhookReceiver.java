package io.meterline.projection.alerts;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver for tests: records each request, checks its signature with {@link StandardWebhooksVerifier}
 * (written from the spec, not from our signer), and answers with the next status of a script (then 200).
 */
final class WebhookReceiver implements AutoCloseable {

    record Received(Map<String, String> headers, String body, boolean signatureValid, String verifyError) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Integer> script;
    private final AtomicInteger calls = new AtomicInteger();
    private volatile String secret;

    WebhookReceiver(Integer... statuses) throws IOException {
        this.script = List.of(statuses);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String error = null;
            try {
                StandardWebhooksVerifier.verify(secret, headers, body, Instant.now());
            } catch (RuntimeException e) {
                error = e.getMessage();
            }
            received.add(new Received(headers, body, error == null, error));
            int call = calls.getAndIncrement();
            int status = call < script.size() ? script.get(call) : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    void expectSecret(String secret) {
        this.secret = secret;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    List<Received> received() {
        return received;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
