package io.meterline.billing.readings;

import java.util.List;

/**
 * RFC 4180 rows (CRLF, fields quoted when they hold a comma, a quote or a line break), safe to open in a
 * spreadsheet: a text cell that starts like a formula (=, +, -, @, tab, carriage return) gets a leading apostrophe so
 * it is shown, never evaluated (OWASP's CSV injection advice). Numbers are written as they are.
 */
final class Csv {

    private Csv() {
    }

    /** A text cell: neutralized and quoted as needed. */
    static String text(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return quote(safe);
    }

    /** A number cell (plain digits, never a formula). */
    static String number(java.math.BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }

    static String row(List<String> cells) {
        return String.join(",", cells) + "\r\n";
    }

    private static String quote(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
