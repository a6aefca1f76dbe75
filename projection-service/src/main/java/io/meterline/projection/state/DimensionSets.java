package io.meterline.projection.state;

import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A dimension set stored as canonical JSON (keys sorted), so equal sets are equal text and group in SQL. */
public final class DimensionSets {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {
    };

    private DimensionSets() {
    }

    public static String canonical(Map<String, String> dimensions) {
        if (dimensions == null || dimensions.isEmpty()) {
            return "{}";
        }
        try {
            return JSON.writeValueAsString(new TreeMap<>(dimensions));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, String> parse(String canonical) {
        if (canonical == null || canonical.equals("{}")) {
            return Map.of();
        }
        try {
            return JSON.readValue(canonical, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored dimension set cannot be read: " + canonical, e);
        }
    }
}
