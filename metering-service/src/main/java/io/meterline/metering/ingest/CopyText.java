package io.meterline.metering.ingest;

/** Rows in the text format of PostgreSQL's COPY: tab-separated, \N for null, backslash, tab and newlines escaped. */
final class CopyText {

    private CopyText() {
    }

    static void row(StringBuilder out, String... fields) {
        for (int f = 0; f < fields.length; f++) {
            if (f > 0) {
                out.append('\t');
            }
            String field = fields[f];
            if (field == null) {
                out.append("\\N");
                continue;
            }
            for (int i = 0; i < field.length(); i++) {
                char ch = field.charAt(i);
                switch (ch) {
                    case '\\' -> out.append("\\\\");
                    case '\t' -> out.append("\\t");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    default -> out.append(ch);
                }
            }
        }
        out.append('\n');
    }
}
