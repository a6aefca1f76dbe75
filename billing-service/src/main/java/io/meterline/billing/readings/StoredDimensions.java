package io.meterline.billing.readings;

import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Dimension sets as readings and invoice lines store them: canonical JSON text, keys sorted, so equal sets are equal
 * text.
 */
public final class StoredDimensions {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {
    };

    private StoredDimensions() {
    }

    public static String write(Map<String, String> dimensions) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(dimensions));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The set; empty for null or "{}". */
    public static Map<String, String> read(String text) {
        if (text == null || text.length() <= 2) {
            return new TreeMap<>();
        }
        try {
            return JSON.readValue(text, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable stored dimensions " + text, e);
        }
    }
}
