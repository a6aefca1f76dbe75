package io.meterline.metering.meters;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A path into a CloudEvent's {@code data}, in the JSONPath subset OpenMeter meters use for {@code valueProperty} and
 * {@code groupBy}: {@code $.tokens}, {@code $.usage.input}, {@code $['input-tokens']} (or double quotes), and any mix
 * of them. No wildcards, filters or array indexes: a meter reads one value per event. Pure and immutable.
 */
public final class DataPath {

    static final int MAX_LENGTH = 256;
    private static final int MAX_DEPTH = 16;
    private static final String SHAPE = "must be a JSON path such as $.tokens, $.usage.input or $['input-tokens']";
    /** Paths are few (tens of meters); the ingest path reads them per event, so each is parsed once. */
    private static final Map<String, DataPath> PARSED = new ConcurrentHashMap<>();
    private static final int MAX_PARSED = 10_000;

    private final String text;
    private final List<String> keys;

    private DataPath(String text, List<String> keys) {
        this.text = text;
        this.keys = keys;
    }

    /**
     * Parses a path, or throws {@link IllegalArgumentException} with a message that says what is wrong and where.
     */
    public static DataPath parse(String text) {
        DataPath known = PARSED.get(text);
        if (known != null) {
            return known;
        }
        DataPath parsed = new DataPath(text, List.copyOf(keysOf(text)));
        if (PARSED.size() < MAX_PARSED) {
            PARSED.put(text, parsed);
        }
        return parsed;
    }

    /** The path's error in words, or null when it is valid. */
    public static String problem(String text) {
        try {
            keysOf(text);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** The node at this path in {@code data}, or null when any step is missing or not an object. */
    public JsonNode read(JsonNode data) {
        JsonNode node = data;
        for (String key : keys) {
            if (node == null || !node.isObject()) {
                return null;
            }
            node = node.get(key);
        }
        return node;
    }

    /** The last key: what a value at this path is naturally called ({@code $.user.id} is "id"). */
    public String lastKey() {
        return keys.get(keys.size() - 1);
    }

    public List<String> keys() {
        return keys;
    }

    @Override
    public String toString() {
        return text;
    }

    private static List<String> keysOf(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(SHAPE + "; it is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(SHAPE + " of at most " + MAX_LENGTH + " characters");
        }
        if (text.charAt(0) != '$') {
            throw new IllegalArgumentException(SHAPE + "; it must start with $");
        }
        List<String> keys = new ArrayList<>();
        int i = 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.') {
                int start = ++i;
                while (i < text.length() && isNameChar(text.charAt(i))) {
                    i++;
                }
                if (i == start) {
                    throw new IllegalArgumentException(SHAPE + "; after the '.' at " + (start - 1) + " comes a key of "
                            + "letters, digits and _ (quote other keys: $['a-b'])");
                }
                keys.add(text.substring(start, i));
            } else if (c == '[') {
                i = quotedKey(text, i, keys);
            } else {
                throw new IllegalArgumentException(SHAPE + "; unexpected '" + c + "' at " + i
                        + " (wildcards, filters and array indexes are not supported)");
            }
            if (keys.size() > MAX_DEPTH) {
                throw new IllegalArgumentException(SHAPE + " of at most " + MAX_DEPTH + " keys");
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(SHAPE + "; $ alone names the whole data, not a value in it");
        }
        return keys;
    }

    /** Reads {@code ['key']} or {@code ["key"]} from {@code open}, adds the key, and returns the index after it. */
    private static int quotedKey(String text, int open, List<String> keys) {
        int i = open + 1;
        char quote = i < text.length() ? text.charAt(i) : 0;
        if (quote != '\'' && quote != '"') {
            throw new IllegalArgumentException(SHAPE + "; the '[' at " + open + " must hold a quoted key "
                    + "(array indexes and wildcards are not supported)");
        }
        StringBuilder key = new StringBuilder();
        for (i++; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                char escaped = i + 1 < text.length() ? text.charAt(++i) : 0;
                if (escaped != '\'' && escaped != '"' && escaped != '\\') {
                    throw new IllegalArgumentException(SHAPE + "; in the quoted key at " + open + " only \\', \\\" and "
                            + "\\\\ are escapes");
                }
                key.append(escaped);
            } else if (c == quote) {
                if (i + 1 >= text.length() || text.charAt(i + 1) != ']') {
                    throw new IllegalArgumentException(SHAPE + "; the quoted key at " + open + " must end with "
                            + quote + "]");
                }
                if (key.isEmpty()) {
                    throw new IllegalArgumentException(SHAPE + "; the quoted key at " + open + " is empty");
                }
                keys.add(key.toString());
                return i + 2;
            } else {
                key.append(c);
            }
        }
        throw new IllegalArgumentException(SHAPE + "; the quoted key at " + open + " is not closed");
    }

    private static boolean isNameChar(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
