package io.meterline.metering.ingest;

import java.util.Map;
import java.util.TreeMap;

/**
 * An event's dimensions as one canonical JSON text: keys sorted, no spaces, escaped as Jackson escapes. The text is
 * the dimension set's identity in the rollups' key, so the same set must always give the same text; it is written
 * by hand because the writer makes one for every stored event.
 */
final class CanonicalDimensions {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private CanonicalDimensions() {
    }

    static String json(Map<String, String> dimensions) {
        if (dimensions.isEmpty()) {
            return "{}";
        }
        Map<String, String> sorted = dimensions instanceof TreeMap<String, String> t && t.comparator() == null ? t
                : new TreeMap<>(dimensions);
        StringBuilder out = new StringBuilder(16 * sorted.size() + 2).append('{');
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            if (out.length() > 1) {
                out.append(',');
            }
            string(out, e.getKey()).append(':');
            string(out, e.getValue());
        }
        return out.append('}').toString();
    }

    private static StringBuilder string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }
}
