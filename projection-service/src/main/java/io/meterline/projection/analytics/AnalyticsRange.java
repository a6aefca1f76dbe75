package io.meterline.projection.analytics;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import io.meterline.platform.problem.ProblemException;

/**
 * A validated analytics range {@code [from, to)}: both instants, {@code from} before {@code to}, at most 36 months
 * apart. A billing period belongs to the range by its start.
 */
public record AnalyticsRange(Instant from, Instant to) {

    public static final int MAX_MONTHS = 36;

    public static AnalyticsRange parse(String from, String to) {
        Instant f = instant("from", from);
        Instant t = instant("to", to);
        if (!f.isBefore(t)) {
            throw ProblemException.invalidField("to", "must be after from (" + from + ")");
        }
        if (t.isAfter(f.atOffset(ZoneOffset.UTC).plusMonths(MAX_MONTHS).toInstant())) {
            throw ProblemException.invalidField("to", "must be at most " + MAX_MONTHS + " months after from");
        }
        return new AnalyticsRange(f, t);
    }

    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalidField(field, "is required: an instant such as 2026-01-01T00:00:00Z");
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "must be an instant such as 2026-01-01T00:00:00Z");
        }
    }
}
