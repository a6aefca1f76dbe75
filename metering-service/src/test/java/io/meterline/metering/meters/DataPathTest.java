package io.meterline.metering.meters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** OpenMeter's JSONPath subset: what it reads, and every path it refuses with a reason. */
class DataPathTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode data(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void readsTopLevelNestedAndQuotedKeys() throws Exception {
        JsonNode data = data("""
                {"tokens":1250,"usage":{"input":{"count":"7"}},"input-tokens":3,"a.b":4,"it's":5,"q\\"k":6}""");
        assertThat(DataPath.parse("$.tokens").read(data).asInt()).isEqualTo(1250);
        assertThat(DataPath.parse("$.usage.input.count").read(data).asText()).isEqualTo("7");
        assertThat(DataPath.parse("$['input-tokens']").read(data).asInt()).isEqualTo(3);
        assertThat(DataPath.parse("$[\"input-tokens\"]").read(data).asInt()).isEqualTo(3);
        assertThat(DataPath.parse("$['a.b']").read(data).asInt()).as("a dot inside quotes is part of the key")
                .isEqualTo(4);
        assertThat(DataPath.parse("$['it\\'s']").read(data).asInt()).isEqualTo(5);
        assertThat(DataPath.parse("$[\"q\\\"k\"]").read(data).asInt()).isEqualTo(6);
        assertThat(DataPath.parse("$.usage['input'].count").read(data).asText()).as("mixed").isEqualTo("7");
        assertThat(DataPath.parse("$.usage.input.count").keys()).containsExactly("usage", "input", "count");
        assertThat(DataPath.parse("$.usage.input.count").lastKey()).isEqualTo("count");
    }

    @Test
    void aMissingStepOrAStepThroughAValueReadsNothing() throws Exception {
        JsonNode data = data("{\"tokens\":1250,\"usage\":{\"input\":7},\"list\":[1]}");
        assertThat(DataPath.parse("$.output").read(data)).isNull();
        assertThat(DataPath.parse("$.usage.output").read(data)).isNull();
        assertThat(DataPath.parse("$.tokens.count").read(data)).as("through a number").isNull();
        assertThat(DataPath.parse("$.list.count").read(data)).as("through an array").isNull();
        assertThat(DataPath.parse("$.usage").read(data).isObject()).as("an object is returned as it is").isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|it is empty",
            "tokens|it must start with $",
            "$|$ alone names the whole data",
            "$.|after the '.' at 1 comes a key",
            "$..tokens|after the '.' at 1 comes a key",
            "$.a-b|unexpected '-' at 3",
            "$[0]|the '[' at 1 must hold a quoted key",
            "$.a[*]|the '[' at 3 must hold a quoted key",
            "$['a'|the quoted key at 1 must end with ']",
            "$['a|the quoted key at 1 is not closed",
            "$['']|the quoted key at 1 is empty",
            "$.a b|unexpected ' ' at 3",
            "$['a\\nb']|only \\', \\\" and \\\\ are escapes" })
    void refusesWhatItCannotRead(String path, String reason) {
        assertThat(DataPath.problem(path)).startsWith("must be a JSON path such as $.tokens").contains(reason);
        assertThatThrownBy(() -> DataPath.parse(path)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void refusesNullOverlongAndOverdeepPaths() {
        assertThat(DataPath.problem(null)).contains("it is empty");
        assertThat(DataPath.problem("$." + "a".repeat(300))).contains("at most 256 characters");
        assertThat(DataPath.problem("$" + ".a".repeat(17))).contains("at most 16 keys");
        assertThat(DataPath.problem("$" + ".a".repeat(16))).isNull();
    }
}
