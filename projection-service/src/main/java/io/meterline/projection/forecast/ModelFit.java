package io.meterline.projection.forecast;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Fitting a {@link ForecastModel}: the part of a forecast that reads the history (the profile, the level window and
 * the backtests of {@link ErrorCalibration}, which dominate its cost).
 */
final class ModelFit {

    private ModelFit() {
    }

    /**
     * The model of this history as of {@code now}, its interval calibrated for the hours in [{@code calibrateFrom},
     * {@code periodEnd}).
     */
    static ForecastModel fit(List<HourlyUsage> history, ZoneId zone, Instant now, Instant calibrateFrom,
            Instant periodEnd) {
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(periodEnd, "periodEnd");
        HourGrid grid = HourGrid.of(history, HourOfWeek.epochHour(now), zone.getRules());
        int n = grid.size();
        String method = ForecastModel.methodFor(n);
        BigDecimal zero = BigDecimal.ZERO;
        if (n == 0) {
            return new ForecastModel(method, 0, zone, now, List.of(), List.of(), zero, zero, null, false);
        }
        BigDecimal windowUsage = SeasonalModel.windowUsage(grid);
        if (n < Forecaster.MIN_HISTORY_HOURS) {
            return new ForecastModel(method, n, zone, now, List.of(), List.of(), windowUsage, zero, null, false);
        }
        int[] slotHours = SeasonalModel.slotHours(grid);
        BigDecimal[] slotUsage = SeasonalModel.slotUsage(grid);
        BigDecimal halfWidth = ErrorCalibration.halfWidth(grid, RemainingHours.horizon(calibrateFrom, periodEnd),
                Forecaster.NOMINAL_COVERAGE);
        return new ForecastModel(method, n, zone, now, List.of(slotUsage), Arrays.stream(slotHours).boxed().toList(),
                windowUsage, SeasonalModel.windowProfile(grid, slotUsage, slotHours), halfWidth, grid.isFlat());
    }
}
