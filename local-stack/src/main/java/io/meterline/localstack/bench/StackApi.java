package io.meterline.localstack.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A running stack's REST API as a benchmark calls it: an admin token from the automation client in
 * {@code .meterline/credentials}, and JSON requests that fail loudly on an unexpected status.
 */
final class StackApi {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private String token;
    private long refreshAt;
    private final Path home;

    StackApi(Path home) {
        this.home = home;
    }

    HttpClient http() {
        return http;
    }

    /**
     * A client-credentials token of the automation client, whose service account holds admin; fetched again a
     * minute before it expires (a full benchmark runs longer than a token lives).
     */
    synchronized String token() {
        if (token == null || System.nanoTime() > refreshAt) {
            JsonNode response = tokenResponse(home, http);
            token = response.get("access_token").asText();
            long lifetime = response.path("expires_in").asLong(300);
            refreshAt = System.nanoTime() + Duration.ofSeconds(Math.max(lifetime - 60, lifetime / 2)).toNanos();
        }
        return token;
    }

    static String fetchToken(Path home, HttpClient http) {
        return tokenResponse(home, http).get("access_token").asText();
    }

    private static JsonNode tokenResponse(Path home, HttpClient http) {
        Path file = home.resolve("credentials");
        if (!Files.exists(file)) {
            throw new IllegalStateException(file + " is missing: start the stack first with ./meterline up");
        }
        try {
            Properties credentials = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                credentials.load(reader);
            }
            String form = "grant_type=client_credentials&client_id="
                    + URLEncoder.encode(credentials.getProperty("AUTOMATION_CLIENT_ID"), StandardCharsets.UTF_8)
                    + "&client_secret="
                    + URLEncoder.encode(credentials.getProperty("AUTOMATION_CLIENT_SECRET"), StandardCharsets.UTF_8);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create(credentials.getProperty("TOKEN_URL")))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            if (response.statusCode() != 200 || !body.hasNonNull("access_token")) {
                throw new IllegalStateException("Could not get a token: " + response.statusCode() + " "
                        + response.body());
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
