package io.meterline.metering.ingest;

import static io.meterline.metering.Metering.awaitStored;
import static io.meterline.metering.Metering.map;
import static io.meterline.metering.Metering.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.meterline.metering.MeteringTest;
import io.meterline.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * Issue 15: OpenMeter's own JavaScript SDK, installed from npm at the version pinned in src/test/openmeter-sdk and
 * used as its README shows, sends to this service with a Meterline API key and nothing else changed.
 */
@QuarkusTest
@MeteringTest
class OpenMeterSdkTest {

    private static final Path SOURCES = Path.of("src/test/openmeter-sdk");
    private static final Path SDK = Path.of("target/openmeter-sdk");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** npm ci once per build directory: the lock file pins the SDK and what it needs. */
    @BeforeAll
    static void installTheSdk() throws Exception {
        Files.createDirectories(SDK);
        for (String file : List.of("package.json", "package-lock.json", "ingest.mjs")) {
            Files.copy(SOURCES.resolve(file), SDK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        // Installed again when the pin changes: the test must drive the version package.json names.
        String pinned = JSON.readTree(SDK.resolve("package.json").toFile()).at("/dependencies/@openmeter~1sdk").asText();
        Path installed = SDK.resolve("node_modules/@openmeter/sdk/package.json");
        if (!Files.exists(installed) || !JSON.readTree(installed.toFile()).path("version").asText().equals(pinned)) {
            String out = run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), 300);
            assertThat(SDK.resolve("node_modules/@openmeter/sdk/package.json")).as(out).exists();
        }
    }

    @Test
    void theSdksReadmeExampleAndABatchOfAThousandAreStoredExactly() throws Exception {
        String meter = unique("ai-tokens");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(map("apiName", meter, "displayName", "AI tokens", "unit", "tokens", "aggregation", "SUM",
                        "valueProperty", "$.tokens", "groupBy", map("model", "$.model", "type", "$.type")))
                .when().post("/api/v1/meters").then().statusCode(201);
        String customer = unique("customer-acme-corp");
        String key = given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(map("name", "openmeter sdk", "role", "ingest", "customer", customer))
                .when().post("/api/v1/api-keys").then().statusCode(201).extract().path("key");

        String out = run(List.of("node", "ingest.mjs"), Map.of("BASE_URL", "http://localhost:" + RestAssured.port,
                "API_KEY", key, "METER", meter, "CUSTOMER", customer), 120);
        String[] lines = out.strip().split("\n");
        JsonNode result = JSON.readTree(lines[lines.length - 1]);

        assertThat(result.at("/readme/resolved/accepted").asInt()).as(out).isEqualTo(1);
        assertThat(result.at("/readmeAgain/resolved/accepted").asInt()).as(out).isEqualTo(1);
        assertThat(result.at("/batch/resolved/accepted").asInt()).as(out).isEqualTo(1000);
        // The SDK throws its HTTPError with our problem's detail, which names the path.
        assertThat(result.at("/refused/threw/httpError").asBoolean()).as(out).isTrue();
        assertThat(result.at("/refused/threw/status").asInt()).isEqualTo(400);
        assertThat(result.at("/refused/threw/message").asText()).contains("[400]", "evt_no_tokens: missing_value",
                "value at $.tokens in data (the meter's valueProperty) is required");
        assertThat(result.at("/unauthenticated/threw/status").asInt()).as(out).isEqualTo(401);

        // Exactly: the README event once (its retry had the same id), the thousand each once, none refused.
        awaitStored("c:" + customer, 1001);
        Map<String, BigDecimal> expected = new TreeMap<>(Map.of("gpt-4/input", new BigDecimal(1250)));
        for (int i = 0; i < 1000; i++) {
            String group = (i % 2 == 0 ? "gpt-4" : "o3") + "/" + (i % 3 == 0 ? "output" : "input");
            expected.merge(group, BigDecimal.valueOf(i + 1), BigDecimal::add);
        }
        Instant now = Instant.now();
        List<Map<String, Object>> rows = given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON)
                .body(map("meter", meter, "customer", customer, "groupBy", List.of("model", "type"),
                        "from", now.minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS).toString(),
                        "to", now.plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.HOURS).toString()))
                .when().post("/api/v1/usage/query").then().statusCode(200).extract().path("rows");
        Map<String, BigDecimal> stored = new TreeMap<>();
        for (Map<String, Object> row : rows) {
            @SuppressWarnings("unchecked")
            Map<String, String> dims = (Map<String, String>) row.get("dimensions");
            stored.put(dims.get("model") + "/" + dims.get("type"), new BigDecimal(row.get("value").toString()));
        }
        assertThat(stored).isEqualTo(expected);
        assertThat(stored.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("501750");
    }

    /** Runs a command in the SDK's directory and returns what it printed; fails on a non-zero exit or a timeout. */
    private static String run(List<String> command, Map<String, String> env, int seconds)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile(SDK.toAbsolutePath(), "run", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(SDK.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        boolean done = process.waitFor(seconds, TimeUnit.SECONDS);
        if (!done) {
            process.destroyForcibly();
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        assertThat(done).as(String.join(" ", command) + " within " + seconds + " s:\n" + out).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ":\n" + out).isZero();
        return out;
    }
}
