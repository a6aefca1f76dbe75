package io.meterline.localstack.keycloak;

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
 * The automation client's client-credentials token (its service account holds admin), read from a running stack's
 * credentials file, as the benchmarks and the demo loader call the API. Fetched again a minute before it expires:
 * a benchmark or a load can outlast a token.
 */
public final class AutomationToken {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path home;
    private final HttpClient http;
    private String token;
    private long refreshAt;

    public AutomationToken(Path home, HttpClient http) {
        this.home = home;
        this.http = http;
    }

    /** A valid token, fetched when there is none or it is about to expire. */
    public synchronized String get() {
        if (token == null || System.nanoTime() > refreshAt) {
            JsonNode response = fetch();
            token = response.get("access_token").asText();
            long lifetime = response.path("expires_in").asLong(300);
            refreshAt = System.nanoTime() + Duration.ofSeconds(Math.max(lifetime - 60, lifetime / 2)).toNanos();
        }
        return token;
    }

    private JsonNode fetch() {
        Path file = home.resolve("credentials");
        if (!Files.exists(file)) {
            throw new IllegalStateException(file + " is missing: start the stack first with ./meterline up");
        }
        try {
            Properties credentials = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                credentials.load(reader);
            }
            String form = "grant_type=client_credentials&client_id="
                    + URLEncoder.encode(credentials.getProperty("AUTOMATION_CLIENT_ID"), StandardCharsets.UTF_8)
                    + "&client_secret="
                    + URLEncoder.encode(credentials.getProperty("AUTOMATION_CLIENT_SECRET"), StandardCharsets.UTF_8);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create(credentials.getProperty("TOKEN_URL"))).timeout(Duration.ofSeconds(30))
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
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
