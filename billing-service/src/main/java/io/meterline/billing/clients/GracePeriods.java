package io.meterline.billing.clients;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/** Grace periods as ISO-8601 durations, written in days when they are whole days ("P3D", not "PT72H"). */
final class GracePeriods {

    static final Duration DEFAULT = Duration.ofDays(3);
    static final Duration MAX = Duration.ofDays(90);

    private GracePeriods() {
    }

    static String format(Duration duration) {
        long seconds = duration.getSeconds();
        return seconds % 86_400 == 0 ? "P" + seconds / 86_400 + "D" : duration.toString();
    }

    /** The duration, or null when the text is not an ISO-8601 duration of days, hours, minutes and seconds. */
    static Duration parse(String text) {
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
