package io.meterline.projection.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.meterline.projection.forecast.ForecastAccuracy.Kind;
import io.meterline.projection.forecast.ForecastAccuracy.Result;

/**
 * The method against the naive run-rate on synthetic series (see {@link ForecastAccuracy}): 24 month-long periods per
 * kind, a forecast at every day of each.
 */
class ForecastAccuracyTest {

    private static final int SERIES = 24;
    private static final BigDecimal LOW_COVERAGE = new BigDecimal("0.65");
    private static final BigDecimal HIGH_COVERAGE = new BigDecimal("0.95");

    @Test
    void onWeeklySeasonalUsageTheMethodIsClearlyBetterThanTheRunRate() {
        Result result = ForecastAccuracy.evaluate(Kind.SEASONAL, SERIES, ForecastAccuracy.SEED);

        assertThat(result.forecasts()).isGreaterThan(500);
        assertThat(result.methods()).isEqualTo("SEASONAL");
        // at most half the run-rate's error (it is about a quarter)
        assertThat(result.mapeMethod()).isLessThan(result.mapeRunRate().multiply(new BigDecimal("0.5")));
        assertThat(result.coverage()).isBetween(LOW_COVERAGE, HIGH_COVERAGE);
    }

    @Test
    void onFlatUsageTheMethodIsNotWorseThanTheRunRate() {
        Result result = ForecastAccuracy.evaluate(Kind.FLAT, SERIES, ForecastAccuracy.SEED);

        assertThat(result.mapeMethod()).isLessThanOrEqualTo(result.mapeRunRate().add(new BigDecimal("0.005")));
        assertThat(result.coverage()).isBetween(LOW_COVERAGE, HIGH_COVERAGE);
    }

    @Test
    void aClientWithAFewWeeksOfHistoryBlendsAndStillBeatsTheRunRate() {
        Result result = ForecastAccuracy.evaluate(Kind.YOUNG, SERIES, ForecastAccuracy.SEED);

        assertThat(result.methods()).contains("BLENDED");
        assertThat(result.mapeMethod()).isLessThan(result.mapeRunRate().multiply(new BigDecimal("0.5")));
        assertThat(result.coverage()).isBetween(LOW_COVERAGE, HIGH_COVERAGE);
    }

    @Test
    void aNewClientWithThreeDaysOfHistoryFallsBackTowardTheRunRate() {
        Result result = ForecastAccuracy.evaluate(Kind.NEW_CLIENT, SERIES, ForecastAccuracy.SEED);

        assertThat(result.methods()).isIn("BLENDED", "RUN_RATE", "BLENDED, RUN_RATE");
        // three days say little about a week: both are poor, and the method stays close to the run-rate
        assertThat(result.mapeMethod().subtract(result.mapeRunRate()).abs()).isLessThan(new BigDecimal("0.02"));
    }

    @Test
    void threeDaysOfHistoryGiveABlendedForecastWeightedTowardTheRunRate() {
        Random random = new Random(7);
        ForecastAccuracy.Scenario scenario = ForecastAccuracy.scenarios(Kind.NEW_CLIENT, 1, random).get(0);
        int nowIndex = scenario.periodStart() + 72;
        ForecastInput input = scenario.input(nowIndex);

        Forecast forecast = Forecaster.forecast(input);

        assertThat(input.history()).hasSize(72);
        assertThat(forecast.historyHours()).isEqualTo(72);
        assertThat(forecast.method()).isEqualTo("BLENDED");
        // w = 72 / 672: the forecast is within 15 % of the run-rate's
        BigDecimal runRate = scenario.naiveRunRate(nowIndex);
        assertThat(forecast.projected().subtract(runRate).abs())
                .isLessThan(runRate.multiply(new BigDecimal("0.15")));
    }
}
