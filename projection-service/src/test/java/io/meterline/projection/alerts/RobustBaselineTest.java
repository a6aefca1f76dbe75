package io.meterline.projection.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class RobustBaselineTest {

    private static final BigDecimal TOLERANCE = new BigDecimal("0.0000001");

    /** Cost per unit of the last eight periods. */
    private static final List<BigDecimal> STEADY = decimals("0.0100", "0.0102", "0.0098", "0.0101", "0.0099", "0.0100",
            "0.0103", "0.0097");

    @Test
    void needsAtLeastThreeTrailingValues() {
        assertThat(RobustBaseline.zScore(List.of(), BigDecimal.ONE)).isEmpty();
        assertThat(RobustBaseline.zScore(decimals("1", "2"), BigDecimal.ONE)).isEmpty();
        assertThat(RobustBaseline.zScore(decimals("1", "2", "3"), BigDecimal.ONE)).isPresent();
    }

    @Test
    void scoresAgainstMedianAndScaledMad() {
        // median 3, |deviations| 2,1,0,1,2 → MAD 1
        List<BigDecimal> trailing = decimals("1", "2", "3", "4", "5");
        assertThat(z(trailing, "3")).isEqualByComparingTo("0");
        assertThat(z(trailing, "6")).isCloseTo(new BigDecimal("3").divide(new BigDecimal("1.4826"),
                MathContext.DECIMAL64), within(TOLERANCE));
        assertThat(z(trailing, "0")).isCloseTo(new BigDecimal("-3").divide(new BigDecimal("1.4826"),
                MathContext.DECIMAL64), within(TOLERANCE));
    }

    @Test
    void evenCountUsesTheMeanOfTheMiddleValues() {
        // median 2.5, |deviations| 1.5,0.5,0.5,1.5 → MAD 1.0
        List<BigDecimal> trailing = decimals("4", "1", "3", "2");
        assertThat(z(trailing, "2.5")).isEqualByComparingTo("0");
        assertThat(z(trailing, "4")).isCloseTo(new BigDecimal("1.5").divide(new BigDecimal("1.4826"),
                MathContext.DECIMAL64), within(TOLERANCE));
    }

    @Test
    void aSpikeScoresAboveTheDefaultThreshold() {
        assertThat(z(STEADY, "0.0150")).isGreaterThan(RobustBaseline.DEFAULT_Z_THRESHOLD);
        assertThat(z(STEADY, "0.0050")).isLessThan(RobustBaseline.DEFAULT_Z_THRESHOLD.negate());
    }

    @Test
    void aNormalValueScoresBelowTheDefaultThreshold() {
        for (String normal : new String[] { "0.0100", "0.0101", "0.0098", "0.0103" }) {
            assertThat(z(STEADY, normal).abs()).as(normal).isLessThan(RobustBaseline.DEFAULT_Z_THRESHOLD);
        }
    }

    @Test
    void anOutlierAmongTheTrailingValuesBarelyMovesTheBaseline() {
        List<BigDecimal> withOutlier = new ArrayList<>(STEADY);
        withOutlier.add(new BigDecimal("0.1000")); // a ten-fold glitch in one past period
        BigDecimal spike = new BigDecimal("0.0120");

        BigDecimal robustClean = z(STEADY, "0.0120");
        BigDecimal robustPolluted = RobustBaseline.zScore(withOutlier, spike).orElseThrow();
        // The robust score of the same spike barely changes, and it is still an anomaly.
        assertThat(robustPolluted).isGreaterThan(RobustBaseline.DEFAULT_Z_THRESHOLD);
        assertThat(robustPolluted.subtract(robustClean).abs())
                .isLessThan(robustClean.multiply(new BigDecimal("0.25")));

        // The classic mean/stddev z-score of the same spike collapses: the outlier masks it.
        BigDecimal classicClean = classicZ(STEADY, spike);
        BigDecimal classicPolluted = classicZ(withOutlier, spike);
        assertThat(classicClean).isGreaterThan(RobustBaseline.DEFAULT_Z_THRESHOLD);
        assertThat(classicPolluted.abs()).isLessThan(BigDecimal.ONE);
    }

    @Test
    void fallsBackToMeanAbsoluteDeviationWhenMadIsZero() {
        // median 10, |deviations| 0,0,0,0,40 → MAD 0; mean |deviation| 8 → scale 1.2533 × 8
        List<BigDecimal> trailing = decimals("10", "10", "50", "10", "10");
        BigDecimal expected = new BigDecimal("40").divide(new BigDecimal("1.2533").multiply(new BigDecimal("8")),
                MathContext.DECIMAL64);
        assertThat(z(trailing, "50")).isCloseTo(expected, within(TOLERANCE));
        assertThat(z(trailing, "10")).isEqualByComparingTo("0");
    }

    @Test
    void aPerfectlyFlatBaselineGivesZeroOrTheCap() {
        List<BigDecimal> flat = decimals("5.00", "5", "5.0");
        assertThat(z(flat, "5")).isEqualByComparingTo("0");
        assertThat(z(flat, "5.0001")).isEqualByComparingTo("1000");
        assertThat(z(flat, "4")).isEqualByComparingTo("-1000");
    }

    @Test
    void scoresAreCapped() {
        List<BigDecimal> trailing = decimals("1", "2", "3");
        assertThat(z(trailing, "1000000000")).isEqualByComparingTo(RobustBaseline.MAX_ABS_Z);
        assertThat(z(trailing, "-1000000000")).isEqualByComparingTo(RobustBaseline.MAX_ABS_Z.negate());
    }

    @Test
    void ignoresOrderAndLeavesTheInputAlone() {
        List<BigDecimal> shuffled = new ArrayList<>(STEADY);
        Collections.reverse(shuffled);
        List<BigDecimal> before = List.copyOf(shuffled);
        assertThat(z(shuffled, "0.0150")).isEqualByComparingTo(z(STEADY, "0.0150"));
        assertThat(shuffled).isEqualTo(before);
    }

    @Test
    void rejectsNulls() {
        assertThatThrownBy(() -> RobustBaseline.zScore(null, BigDecimal.ONE)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> RobustBaseline.zScore(STEADY, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> RobustBaseline.zScore(Arrays.asList(BigDecimal.ONE, null, BigDecimal.TEN),
                BigDecimal.ONE)).isInstanceOf(NullPointerException.class);
    }

    private static BigDecimal z(List<BigDecimal> trailing, String current) {
        return RobustBaseline.zScore(trailing, new BigDecimal(current)).orElseThrow();
    }

    /** The textbook (population) z-score, for comparison only. */
    private static BigDecimal classicZ(List<BigDecimal> trailing, BigDecimal current) {
        MathContext mc = MathContext.DECIMAL64;
        BigDecimal n = BigDecimal.valueOf(trailing.size());
        BigDecimal mean = trailing.stream().reduce(BigDecimal.ZERO, BigDecimal::add).divide(n, mc);
        BigDecimal variance = trailing.stream().map(x -> x.subtract(mean).pow(2)).reduce(BigDecimal.ZERO,
                BigDecimal::add).divide(n, mc);
        return current.subtract(mean).divide(variance.sqrt(mc), mc);
    }

    private static List<BigDecimal> decimals(String... values) {
        return Arrays.stream(values).map(BigDecimal::new).toList();
    }
}
