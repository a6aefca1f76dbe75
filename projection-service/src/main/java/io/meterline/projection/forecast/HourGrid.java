package io.meterline.projection.forecast;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.zone.ZoneRules;
import java.util.List;

/**
 * The history as a dense grid of whole UTC hours, from the first history hour (at most 8 weeks back) up to, not
 * including, the hour that contains now. Missing hours are zero; each hour knows its local hour-of-week slot.
 */
final class HourGrid {

    static final int MAX_HOURS = 8 * HourOfWeek.SLOTS;

    /** Backtests work on longs; the largest hour is scaled to stay below this, so sums of 27720-scaled means fit. */
    private static final long QUANTIZED_MAX = 100_000_000_000L;
    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    final BigDecimal[] values;
    final int[] slots;

    private HourGrid(BigDecimal[] values, int[] slots) {
        this.values = values;
        this.slots = slots;
    }

    static HourGrid of(List<HourlyUsage> history, long nowHour, ZoneRules rules) {
        long earliest = nowHour - MAX_HOURS;
        long first = Long.MAX_VALUE;
        for (HourlyUsage usage : history) {
            long hour = HourOfWeek.epochHour(usage.hour());
            if (hour >= earliest && hour < nowHour && hour < first) {
                first = hour;
            }
        }
        if (first == Long.MAX_VALUE) {
            return new HourGrid(new BigDecimal[0], new int[0]);
        }
        BigDecimal[] values = new BigDecimal[(int) (nowHour - first)];
        for (HourlyUsage usage : history) {
            long hour = HourOfWeek.epochHour(usage.hour());
            if (hour >= first && hour < nowHour) {
                int i = (int) (hour - first);
                values[i] = values[i] == null ? usage.value() : values[i].add(usage.value());
            }
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                values[i] = BigDecimal.ZERO;
            }
        }
        return new HourGrid(values, HourOfWeek.slots(rules, first, values.length));
    }

    int size() {
        return values.length;
    }

    BigDecimal sum(int from, int to) {
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = from; i < to; i++) {
            sum = sum.add(values[i]);
        }
        return sum;
    }

    /** True if every hour has the same value (a flat meter, e.g. seats or reserved capacity). */
    boolean isFlat() {
        for (BigDecimal value : values) {
            if (value.compareTo(values[0]) != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Prefix sums of the hours as longs in a common decimal scale (exact unless that would need more than about 11
     * significant digits for the largest hour; then rounded, which only the backtests see). Equal hours always give
     * equal longs, so a flat history backtests with exactly zero error.
     */
    long[] quantizedPrefix() {
        BigDecimal max = BigDecimal.ZERO;
        int maxScale = Integer.MIN_VALUE;
        for (BigDecimal value : values) {
            if (value.signum() != 0) {
                maxScale = Math.max(maxScale, value.scale());
                if (value.compareTo(max) > 0) {
                    max = value;
                }
            }
        }
        long[] prefix = new long[values.length + 1];
        if (max.signum() == 0) {
            return prefix;
        }
        int integerDigits = max.precision() - max.scale();
        int scale = Math.min(maxScale, 11 - integerDigits);
        for (int i = 0; i < values.length; i++) {
            prefix[i + 1] = prefix[i] + quantize(values[i], scale);
        }
        return prefix;
    }

    private static long quantize(BigDecimal value, int scale) {
        if (value.signum() == 0) {
            return 0;
        }
        int shift = scale - value.scale();
        if (shift >= 0 && shift < POW10.length) {
            long unscaled = value.unscaledValue().longValue();
            if (unscaled < QUANTIZED_MAX) {
                return unscaled * POW10[shift];
            }
        }
        return value.setScale(scale, RoundingMode.HALF_EVEN).unscaledValue().longValueExact();
    }
}
