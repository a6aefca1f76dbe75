package io.meterline.projection.forecast;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The text form of a {@link ForecastModel}: {@code v1;method;historyHours;zone;fittedAt;windowUsage;windowProfile;
 * halfWidth;flatHistory;slotHours;slotUsage}, numbers as {@link BigDecimal#toString()} (which keeps the scale, so a
 * decoded model is equal to the encoded one and forecasts bit for bit the same), {@code -} for a null halfWidth,
 * flatHistory as 1 or 0, and each of the two slot lists comma-separated with a run of k equal values written once as
 * {@code value*k} (slot hours are mostly all 8; a flat meter's usage is one entry, nights and weekends often few).
 */
final class ModelCodec {

    static final String VERSION = "v1";
    private static final String[] FIELDS = {"version", "method", "historyHours", "zone", "fittedAt", "windowUsage",
        "windowProfile", "halfWidth", "flatHistory", "slotHours", "slotUsage"};
    private static final String NULL = "-";

    private ModelCodec() {
    }

    static String encode(ForecastModel m) {
        StringBuilder text = new StringBuilder(80 + 8 * m.slotUsage().size());
        text.append(VERSION).append(';').append(m.method()).append(';').append(m.historyHours()).append(';')
                .append(m.zone().getId()).append(';').append(m.fittedAt()).append(';').append(m.windowUsage())
                .append(';').append(m.windowProfile()).append(';')
                .append(m.halfWidth() == null ? NULL : m.halfWidth().toString()).append(';')
                .append(m.flatHistory() ? '1' : '0').append(';');
        runs(m.slotHours(), text);
        runs(m.slotUsage(), text.append(';'));
        return text.toString();
    }

    /** Comma-separated, a run of equal values as value*count. */
    private static void runs(List<?> values, StringBuilder text) {
        for (int i = 0; i < values.size();) {
            int run = 1;
            while (i + run < values.size() && values.get(i + run).equals(values.get(i))) {
                run++;
            }
            text.append(i == 0 ? "" : ",").append(values.get(i)).append(run > 1 ? "*" + run : "");
            i += run;
        }
    }

    static ForecastModel decode(String text) {
        Objects.requireNonNull(text, "text");
        String[] f = text.split(";", -1);
        if (!VERSION.equals(f[0])) {
            throw new IllegalArgumentException("not a " + VERSION + " forecast model: "
                    + (f[0].length() > 20 ? f[0].substring(0, 20) + "…" : f[0]));
        }
        if (f.length != FIELDS.length) {
            throw new IllegalArgumentException("a forecast model has " + FIELDS.length + " fields, not " + f.length);
        }
        try {
            return new ForecastModel(f[1], integer(f[2], FIELDS[2]), zone(f[3]), instant(f[4]),
                    runs(f[10], "slotUsage", ModelCodec::decimal), runs(f[9], "slotHours", ModelCodec::integer),
                    decimal(f[5], FIELDS[5]), decimal(f[6], FIELDS[6]),
                    NULL.equals(f[7]) ? null : decimal(f[7], FIELDS[7]), flag(f[8]));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed forecast model: " + e.getMessage(), e);
        }
    }

    /**
     * The values of a comma-separated list with runs, scanned in place (a recompute decodes every series' model, so
     * this avoids a substring and a regular parse per value).
     */
    private static <T> List<T> runs(String text, String field, Parser<T> parse) {
        Object[] values = new Object[HourOfWeek.SLOTS];
        int size = 0;
        for (int from = 0; from < text.length();) {
            int star = -1;
            int end = from;
            for (; end < text.length() && text.charAt(end) != ','; end++) {
                star = text.charAt(end) == '*' ? end : star;
            }
            star = star < 0 ? end : star;
            Object value = parse.parse(text, from, star, field + " value");
            int run = star == end ? 1 : integer(text, star + 1, end, field + " repeat count");
            if (run < 1) {
                throw new IllegalArgumentException(field + " repeat count is not positive: " + run);
            }
            if (run > values.length - size) {
                throw new IllegalArgumentException(field + " has more than " + HourOfWeek.SLOTS + " values");
            }
            Arrays.fill(values, size, size + run, value);
            size += run;
            from = end + 1;
            if (from == text.length()) { // a trailing comma: an empty last value
                parse.parse(text, from, from, field + " value");
            }
        }
        @SuppressWarnings("unchecked")
        List<T> list = (List<T>) Arrays.asList(Arrays.copyOf(values, size));
        return list;
    }

    /** Parses {@code text[from, to)}. */
    @FunctionalInterface
    private interface Parser<T> {
        T parse(String text, int from, int to, String field);
    }

    private static BigDecimal decimal(String value, String field) {
        return decimal(value, 0, value.length(), field);
    }

    /** A decimal as {@link BigDecimal#BigDecimal(String)} reads it, plain ones of up to 18 digits without it. */
    private static BigDecimal decimal(String text, int from, int to, String field) {
        long unscaled = 0;
        int digits = 0;
        int scale = -1; // no point yet
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9' && digits < 18) {
                unscaled = unscaled * 10 + (c - '0');
                digits++;
                scale += scale < 0 ? 0 : 1;
            } else if (c == '.' && scale < 0) {
                scale = 0;
            } else {
                digits = -1; // an exponent, a sign, more digits, or not a number: the constructor decides
                break;
            }
        }
        if (digits > 0) {
            return BigDecimal.valueOf(unscaled, Math.max(scale, 0));
        }
        try {
            return new BigDecimal(text.substring(from, to));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " is not a number: '" + text.substring(from, to) + "'", e);
        }
    }

    private static int integer(String value, String field) {
        return integer(value, 0, value.length(), field);
    }

    private static int integer(String text, int from, int to, String field) {
        try {
            return Integer.parseInt(text, from, to, 10);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " is not an integer: '" + text.substring(from, to) + "'", e);
        }
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("zone is not a time zone: '" + id + "'", e);
        }
    }

    private static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("fittedAt is not an instant: '" + value + "'", e);
        }
    }

    private static boolean flag(String value) {
        if (!value.equals("0") && !value.equals("1")) {
            throw new IllegalArgumentException("flatHistory is not 0 or 1: '" + value + "'");
        }
        return value.equals("1");
    }
}
