package io.meterline.metering.meters;

import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A meter's groupBy paths as its jsonb column holds them: a flat JSON object of strings, keys sorted. */
final class GroupByJson {

    /** A flat map of strings needs none of the service mapper's settings. */
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> PATHS = new TypeReference<>() {
    };

    private GroupByJson() {
    }

    static String write(Map<String, String> paths) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(paths));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A map of strings always writes", e);
        }
    }

    static Map<String, String> read(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, PATHS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("meter.group_by holds JSON this service did not write: " + json, e);
        }
    }
}
