package io.meterline.localstack.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.ToLongFunction;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.meterline.localstack.keycloak.AutomationToken;

/**
 * The services' public REST API as the demo loader calls it, the way a user's script would: an admin token from the
 * automation client in {@code <home>/credentials}, and JSON requests that fail loudly on an unexpected status. The
 * same approach as the benchmarks' client, kept apart so that the demo depends on nothing package-private there.
 */
final class DemoApi {

    /** Decimals stay exact: usage totals are compared with what was sent. */
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** A status and a body, for the callers that decide themselves what an answer means. */
    record Answer(int status, String body, String retryAfter) {

        JsonNode json() {
            try {
                return body == null || body.isEmpty() ? null : JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final AutomationToken token;

    DemoApi(Path home) {
        this.token = new AutomationToken(home, http);
    }

    JsonNode get(String url) {
        return expect(call("GET", url, null), 200, url);
    }

    JsonNode post(String url, Object body, int expected) {
        return expect(call("POST", url, body), expected, url);
    }

    JsonNode put(String url, Object body, int expected) {
        return expect(call("PUT", url, body), expected, url);
    }

    JsonNode patch(String url, Object body, int expected) {
        return expect(call("PATCH", url, body), expected, url);
    }

    /**
     * Sends the request again while it is refused with 400 or 404, until {@code within} has passed. What one service
     * announces reaches the others over Kafka a moment later (a client reaches metering and projection, a published
     * plan reaches billing), and until then they refuse a reference to it; a refused request changes nothing, so
     * sending it again is safe.
     */
    JsonNode retry(String method, String url, Object body, int expected, Duration within) {
        return resend(method, url, body, expected, within,
                answer -> answer.status() == 400 || answer.status() == 404 ? 250 : -1);
    }

    /**
     * Posts usage, sending it again while it is answered 503 (Kafka did not take it in time, as on a machine still
     * warming up) or 429, after the Retry-After pause, until {@code within} has passed. Metering stores events sent
     * again with the same ids once, so a resend never counts twice.
     */
    JsonNode postUsage(String url, Object body, int expected, Duration within) {
        return resend("POST", url, body, expected, within, answer -> answer.status() == 503 || answer.status() == 429
                ? retryAfterMillis(answer.retryAfter()) : -1);
    }

    /**
     * Sends the request until it is answered {@code expected}, or with a status {@code pauseBeforeResend} does not
     * resend (a negative pause), or {@code within} has passed; then judges the last answer.
     */
    private JsonNode resend(String method, String url, Object body, int expected, Duration within,
            ToLongFunction<Answer> pauseBeforeResend) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            Answer answer = call(method, url, body);
            long pause = answer.status() == expected ? -1 : pauseBeforeResend.applyAsLong(answer);
            if (pause < 0 || System.nanoTime() > deadline) {
                return expect(answer, expected, url);
            }
            pause(pause);
        }
    }

    /** Retry-After in seconds, kept between 0.25 and 5 s; 1 s when absent or a date. */
    static long retryAfterMillis(String retryAfter) {
        try {
            long seconds = retryAfter == null ? 1 : Long.parseLong(retryAfter.trim());
            return Math.min(5_000, Math.max(250, seconds * 1_000));
        } catch (NumberFormatException e) {
            return 1_000;
        }
    }

    /** A request with a tenant's API key instead of the admin token, as a tenant service sends usage. */
    JsonNode postWithKey(String url, Object body, String apiKey, int expected) {
        return expect(send("POST", url, body, apiKey), expected, url);
    }

    /** Any request with the admin token; the status is the caller's to judge. */
    Answer call(String method, String url, Object body) {
        return send(method, url, body, token());
    }

    private Answer send(String method, String url, Object body, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + bearer);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(write(body)));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("Retry-After").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static JsonNode expect(Answer answer, int expected, String url) {
        if (answer.status() != expected) {
            String body = answer.body() == null ? "" : answer.body();
            throw new IllegalStateException(url + " answered " + answer.status() + ": "
                    + (body.length() > 500 ? body.substring(0, 500) + "..." : body));
        }
        return answer.json();
    }

    private String token() {
        return token.get();
    }

    static String write(Object body) {
        try {
            return body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A pause between two polls of a condition; never a wait on its own. */
    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
