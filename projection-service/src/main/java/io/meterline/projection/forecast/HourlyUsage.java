package io.meterline.projection.forecast;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One UTC hour's usage: {@code hour} is the start of the hour (truncated to hours, UTC), {@code value} the hour's
 * summed usage (&gt;= 0). An hour that is not on the hour is treated as the hour it falls in.
 */
public record HourlyUsage(Instant hour, BigDecimal value) {

    public HourlyUsage {
        Objects.requireNonNull(hour, "hour");
        Objects.requireNonNull(value, "value");
        if (value.signum() < 0) {
            throw new IllegalArgumentException("hourly usage must not be negative: " + value);
        }
    }
}
