package io.meterline.projection.forecast;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Where a period's usage is expected to land. {@code projected}: usageSoFar + expected usage in [now, periodEnd).
 * {@code low}/{@code high}: a prediction interval for the period total with nominal coverage {@code coverage} (e.g.
 * 0.80); {@code usageSoFar <= low <= projected <= high}. {@code method}: "SEASONAL", "BLENDED" or "RUN_RATE" (which
 * one was used). {@code historyHours}: how many whole hours of history were used (from the first history hour to the
 * hour containing now, at most 8 weeks).
 */
public record Forecast(BigDecimal projected, BigDecimal low, BigDecimal high, BigDecimal coverage, String method,
        int historyHours) {

    public Forecast {
        Objects.requireNonNull(projected, "projected");
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(high, "high");
        Objects.requireNonNull(coverage, "coverage");
        Objects.requireNonNull(method, "method");
    }
}
