package io.meterline.metering.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.meterline.metering.meters.Aggregation;
import io.meterline.metering.meters.Meter;

/** CloudEvents read through a meter's valueProperty and groupBy paths, as OpenMeter meters read them. */
class CloudEventPathsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

    private static final Meter TOKENS = new Meter(UUID.randomUUID(), "ai-tokens", "AI tokens", "tokens",
            Aggregation.SUM, null, List.of("model", "type", "tier"), null, "$.usage['input-tokens']",
            Map.of("model", "$.model", "type", "$['request-type']"), null, null);
    private static final Meter USERS = new Meter(UUID.randomUUID(), "users", "Users", null, Aggregation.UNIQUE_COUNT,
            "id", List.of("id"), null, "$.user.id", Map.of("id", "$.user.id"), null, null);
    private static final Meter PLAIN = new Meter(UUID.randomUUID(), "plain", "Plain", null, Aggregation.SUM, null,
            List.of("model"), null, null, Map.of(), null, null);

    private final EventValidator validator = new EventValidator(
            Map.of("ai-tokens", TOKENS, "users", USERS, "plain", PLAIN)::get, NOW, Duration.ofDays(35),
            Duration.ofMinutes(5), 256, false, null);

    private EventValidator.Outcome validate(String type, String data) throws Exception {
        JsonNode event = JSON.readTree("""
                {"specversion":"1.0","id":"evt-1","source":"gw","type":"%s","subject":"acme",
                 "time":"2026-11-20T11:00:00.123Z","data":%s}""".formatted(type, data));
        return validator.validateCloudEvent(0, event);
    }

    @Test
    void theValueAndDimensionsAreReadAtTheirPaths() throws Exception {
        EventValidator.Outcome outcome = validate("ai-tokens", """
                {"model":"gpt-4","request-type":"input","tier":"gold","usage":{"input-tokens":1250},"value":9}""");
        assertThat(outcome.rejection()).isNull();
        assertThat(outcome.event().value()).isEqualByComparingTo(new BigDecimal("1250"));
        assertThat(outcome.event().dimensions()).containsExactlyInAnyOrderEntriesOf(
                Map.of("model", "gpt-4", "type", "input", "tier", "gold"));
        assertThat(outcome.event().timestamp()).isEqualTo(Instant.parse("2026-11-20T11:00:00.123Z"));
    }

    @Test
    void aNumericStringAtThePathIsTheValue() throws Exception {
        assertThat(validate("ai-tokens", "{\"usage\":{\"input-tokens\":\" 12.5 \"}}").event().value())
                .isEqualByComparingTo("12.5");
    }

    @Test
    void aMissingOrWrongValueIsRefusedNamingThePath() throws Exception {
        assertRefused(validate("ai-tokens", "{\"model\":\"gpt-4\"}"), "missing_value",
                "value at $.usage['input-tokens'] in data (the meter's valueProperty) is required for the SUM meter");
        assertRefused(validate("ai-tokens", "{\"usage\":7}"), "missing_value", "at $.usage['input-tokens'] in data");
        assertRefused(validate("ai-tokens", "{\"usage\":{\"input-tokens\":true}}"), "invalid_value",
                "value at $.usage['input-tokens'] in data (the meter's valueProperty) must be a finite decimal");
        assertRefused(validate("ai-tokens", "{\"usage\":{\"input-tokens\":{\"n\":1}}}"), "invalid_value",
                "at $.usage['input-tokens'] in data");
        assertRefused(validate("ai-tokens", "{\"usage\":{\"input-tokens\":\"lots\"}}"), "invalid_value",
                "at $.usage['input-tokens'] in data");
        assertRefused(validate("ai-tokens", "{\"usage\":{\"input-tokens\":-1}}"), "negative_value",
                "at $.usage['input-tokens'] in data");
        assertRefused(validate("ai-tokens", "null"), "missing_value", "at $.usage['input-tokens'] in data");
    }

    @Test
    void aDimensionThatIsNotAValueIsRefusedNamingThePath() throws Exception {
        assertRefused(validate("ai-tokens", "{\"model\":{\"name\":\"gpt-4\"},\"usage\":{\"input-tokens\":1}}"),
                "invalid_dimensions", "Dimension 'model' at $.model in data must be a string, number or boolean");
        assertRefused(validate("plain", "{\"model\":[\"gpt-4\"],\"value\":1}"), "invalid_dimensions",
                "Dimension 'model' (data.model) must be a string");
    }

    @Test
    void aMissingDimensionIsLeftOut() throws Exception {
        assertThat(validate("ai-tokens", "{\"usage\":{\"input-tokens\":1},\"model\":null}").event().dimensions())
                .isEmpty();
    }

    @Test
    void uniqueCountCountsTheValueAtItsValueProperty() throws Exception {
        EventValidator.Outcome outcome = validate("users", "{\"user\":{\"id\":42},\"value\":\"ignored\"}");
        assertThat(outcome.rejection()).isNull();
        assertThat(outcome.event().dimensions()).containsExactlyEntriesOf(Map.of("id", "42"));
        assertThat(outcome.event().value()).as("a count reads no value").isEqualByComparingTo("1");
        assertRefused(validate("users", "{\"user\":{}}"), "missing_dimension",
                "Dimension 'id' (at $.user.id in data) is required: meter users counts its distinct values");
    }

    @Test
    void withoutPathsAMeterReadsDataValueAndDimensionsByName() throws Exception {
        EventValidator.Outcome outcome = validate("plain", "{\"value\":\"3\",\"model\":\"o3\",\"other\":1}");
        assertThat(outcome.event().value()).isEqualByComparingTo("3");
        assertThat(outcome.event().dimensions()).containsExactlyEntriesOf(Map.of("model", "o3"));
        assertRefused(validate("plain", "{\"model\":\"o3\"}"), "missing_value", "value (data.value) is required");
    }

    private static void assertRefused(EventValidator.Outcome outcome, String code, String reason) {
        assertThat(outcome.event()).isNull();
        assertThat(outcome.rejection().code()).isEqualTo(code);
        assertThat(outcome.rejection().reason()).contains(reason);
    }
}
