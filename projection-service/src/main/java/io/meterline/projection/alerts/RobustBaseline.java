package io.meterline.projection.alerts;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A robust z-score of a value against a trailing baseline, for {@link AlertKind#COST_PER_UNIT_ANOMALY}. Robust means
 * that one outlier among the trailing values barely moves the baseline, unlike the mean and standard deviation.
 *
 * <h2>Method</h2>
 * With {@code m} the median of the trailing values and {@code MAD} the median of {@code |xᵢ − m|}:
 * <pre>
 *   z = (current − m) / (1.4826 × MAD)
 * </pre>
 * 1.4826 makes {@code 1.4826 × MAD} estimate the standard deviation of normally distributed data, so the score reads
 * like an ordinary z-score. When at least half the trailing values are equal, MAD can be zero; the scale then falls
 * back to {@code 1.2533 × MeanAD}, where {@code MeanAD} is the mean of {@code |xᵢ − m|} (the same
 * normal-consistency idea).
 * When that is zero too, every trailing value equals {@code m}: the score is {@code 0} if {@code current} equals
 * {@code m}, and {@code ±}{@link #MAX_ABS_Z} (sign of {@code current − m}) otherwise.
 *
 * <h2>Numerics</h2>
 * Medians are exact. Divisions use {@link MathContext#DECIMAL64}. Every returned score is clamped to
 * {@code [−MAX_ABS_Z, MAX_ABS_Z]}, so the "all equal" sentinel is never smaller than a computed score.
 */
public final class RobustBaseline {

    /** The default firing threshold of {@link AlertKind#COST_PER_UNIT_ANOMALY} rules. */
    public static final BigDecimal DEFAULT_Z_THRESHOLD = new BigDecimal("3.5");

    /** The cap on {@code |z|}, also the score of any change from a perfectly flat baseline. */
    public static final BigDecimal MAX_ABS_Z = new BigDecimal("1000");

    /** The fewest trailing values that give a score. */
    public static final int MIN_TRAILING = 3;

    private static final BigDecimal MAD_SCALE = new BigDecimal("1.4826");
    private static final BigDecimal MEAN_AD_SCALE = new BigDecimal("1.2533");
    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    private RobustBaseline() {
    }

    /**
     * The robust z-score of {@code current} against {@code trailing}.
     *
     * @param trailing the baseline values (e.g. cost per unit of the previous periods), in any order; not modified
     * @param current  the value to score
     * @return the score, positive when {@code current} is above the baseline; empty when there are fewer than
     *         {@value #MIN_TRAILING} trailing values
     * @throws NullPointerException if {@code trailing}, any of its elements or {@code current} is null
     */
    public static Optional<BigDecimal> zScore(List<BigDecimal> trailing, BigDecimal current) {
        Objects.requireNonNull(trailing, "trailing");
        Objects.requireNonNull(current, "current");
        for (BigDecimal value : trailing) {
            Objects.requireNonNull(value, "trailing value");
        }
        if (trailing.size() < MIN_TRAILING) {
            return Optional.empty();
        }

        BigDecimal median = median(trailing);
        List<BigDecimal> deviations = new ArrayList<>(trailing.size());
        BigDecimal deviationSum = BigDecimal.ZERO;
        for (BigDecimal value : trailing) {
            BigDecimal deviation = value.subtract(median).abs();
            deviations.add(deviation);
            deviationSum = deviationSum.add(deviation);
        }
        BigDecimal diff = current.subtract(median);

        BigDecimal mad = median(deviations);
        BigDecimal scale;
        if (mad.signum() != 0) {
            scale = MAD_SCALE.multiply(mad);
        } else if (deviationSum.signum() != 0) {
            BigDecimal meanAd = deviationSum.divide(BigDecimal.valueOf(deviations.size()), MathContext.DECIMAL64);
            scale = MEAN_AD_SCALE.multiply(meanAd);
        } else if (diff.signum() == 0) {
            return Optional.of(BigDecimal.ZERO);
        } else {
            return Optional.of(diff.signum() > 0 ? MAX_ABS_Z : MAX_ABS_Z.negate());
        }
        return Optional.of(clamp(diff.divide(scale, MathContext.DECIMAL64)));
    }

    /** The exact median; the mean of the two middle values for an even count. */
    private static BigDecimal median(List<BigDecimal> values) {
        List<BigDecimal> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        if (n % 2 == 1) {
            return sorted.get(n / 2);
        }
        // Halving a finite decimal always terminates, so this division is exact.
        return sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(TWO);
    }

    private static BigDecimal clamp(BigDecimal z) {
        if (z.compareTo(MAX_ABS_Z) > 0) {
            return MAX_ABS_Z;
        }
        if (z.compareTo(MAX_ABS_Z.negate()) < 0) {
            return MAX_ABS_Z.negate();
        }
        return z;
    }
}
