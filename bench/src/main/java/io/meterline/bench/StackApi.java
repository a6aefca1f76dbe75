package io.meterline.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.meterline.localstack.keycloak.AutomationToken;

/**
 * A running stack's REST API as a benchmark calls it: an admin token from the automation client in
 * {@code .meterline/credentials}, and JSON requests that fail loudly on an unexpected status.
 */
final class StackApi {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final AutomationToken token;

    StackApi(Path home) {
        this.token = new AutomationToken(home, http);
    }

    HttpClient http() {
        return http;
    }

    String token() {
        return token.get();
    }

    static String fetchToken(Path home, HttpClient http) {
        return new AutomationToken(home, http).get();
    }

    JsonNode post(String url, Object body, int expected) {
        return post(url, body, expected, Duration.ofSeconds(120));
    }

    /** With a longer wait, for a request that does a whole job before it answers. */
    JsonNode post(String url, Object body, int expected, Duration timeout) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body))), expected, timeout);
    }

    JsonNode get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), 200, Duration.ofSeconds(120));
    }

    /** The status of a GET, for probes. */
    int status(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token())
                    .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode send(HttpRequest.Builder request, int expected, Duration timeout) {
        try {
            HttpResponse<String> response = http.send(request.header("Authorization", "Bearer " + token())
                    .timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(response.request().uri() + " answered " + response.statusCode()
                        + ": " + response.body());
            }
            return response.body().isEmpty() ? null : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String write(Object body) {
        try {
            return body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
