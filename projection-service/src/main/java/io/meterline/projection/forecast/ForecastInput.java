package io.meterline.projection.forecast;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * What to forecast. {@code history}: hourly usage, any order, may be sparse (missing hours mean zero usage), may start
 * weeks before {@code periodStart} (the caller passes up to 8 weeks before now), never after {@code now}; entries for
 * the same hour are added up, entries in or after the hour that contains {@code now} are ignored (that hour is still
 * running). {@code usageSoFar}: the actual usage in [periodStart, now). {@code zone}: the client's time zone
 * (day-of-week and hour-of-day are local).
 */
public record ForecastInput(Instant periodStart, Instant periodEnd, Instant now, ZoneId zone, BigDecimal usageSoFar,
        List<HourlyUsage> history) {

    public ForecastInput {
        Objects.requireNonNull(zone, "zone");
        check(periodStart, periodEnd, now, usageSoFar);
        history = List.copyOf(history);
    }

    /** The checks of a period, now and usage so far (shared with {@link Forecaster#apply}). */
    static void check(Instant periodStart, Instant periodEnd, Instant now, BigDecimal usageSoFar) {
        Objects.requireNonNull(periodStart, "periodStart");
        Objects.requireNonNull(periodEnd, "periodEnd");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(usageSoFar, "usageSoFar");
        if (!periodStart.isBefore(periodEnd)) {
            throw new IllegalArgumentException("period must end after it starts: " + periodStart + " .. " + periodEnd);
        }
        if (usageSoFar.signum() < 0) {
            throw new IllegalArgumentException("usageSoFar must not be negative: " + usageSoFar);
        }
    }
}
