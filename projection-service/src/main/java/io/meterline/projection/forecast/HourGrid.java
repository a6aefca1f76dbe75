package io.meterline.projection.forecast;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.zone.ZoneRules;
import java.util.List;

/**
 * The history as a dense grid of whole UTC hours, from the first history hour (at most 8 weeks back) up to, not
 * including, the hour that contains now (still running, its usage is part of usage so far only). Missing hours are
 * zero; each hour knows its local hour-of-week slot.
 *
 * <p>Hours are held as longs in one decimal scale ({@code units} × 10^−{@code scale}): exact for values of up to 16
 * significant digits in that scale, which is what DECIMAL64 keeps anyway; beyond that the scale is reduced and hours
 * are rounded half-even. Longs keep sums cheap (8 weeks is 1,344 hours), and equal hours stay equal.
 */
final class HourGrid {

    static final int MAX_HOURS = 8 * HourOfWeek.SLOTS;

    /** A single value gets at most this many digits. */
    private static final int FINE_DIGITS = 16;
    /** No hour reaches this, so a week of hours (168) or a slot's 8 to 12 hours still add up within a long. */
    private static final long MAX_UNITS = 50_000_000_000_000_000L;
    /** Backtest units stay below this, so sums of 27720-scaled slot means over 4 weeks fit a long. */
    private static final int COARSE_DIGITS = 11;
    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    final long[] units;
    final int scale;
    final int[] slots;
    private final long maxUnits;

    private HourGrid(long[] units, int scale, int[] slots, long maxUnits) {
        this.units = units;
        this.scale = scale;
        this.slots = slots;
        this.maxUnits = maxUnits;
    }

    static HourGrid of(List<HourlyUsage> history, long nowHour, ZoneRules rules) {
        long origin = nowHour - MAX_HOURS;
        long first = nowHour;
        BigDecimal max = BigDecimal.ZERO;
        int maxScale = 0;
        for (HourlyUsage usage : history) {
            long hour = HourOfWeek.epochHour(usage.hour());
            if (hour >= origin && hour < nowHour) {
                first = Math.min(first, hour);
                BigDecimal value = usage.value();
                if (value.signum() != 0) {
                    maxScale = max.signum() == 0 ? value.scale() : Math.max(maxScale, value.scale());
                    max = value.compareTo(max) > 0 ? value : max;
                }
            }
        }
        int scale = max.signum() == 0 ? 0 : Math.min(maxScale, FINE_DIGITS - (max.precision() - max.scale()));
        long[] units = units(history, first, nowHour, scale);
        while (units == null) { // several entries for one hour added up to too much: one digit less
            units = units(history, first, nowHour, --scale);
        }
        long maxUnits = 0;
        for (long value : units) {
            maxUnits = Math.max(maxUnits, value);
        }
        return new HourGrid(units, scale, HourOfWeek.slots(rules, first, units.length), maxUnits);
    }

    /** The hours in [first, nowHour) in units of 10^−scale, or null if an hour reaches {@link #MAX_UNITS}. */
    private static long[] units(List<HourlyUsage> history, long first, long nowHour, int scale) {
        long[] units = new long[(int) (nowHour - first)];
        for (HourlyUsage usage : history) {
            long hour = HourOfWeek.epochHour(usage.hour());
            if (hour >= first && hour < nowHour) {
                int i = (int) (hour - first);
                units[i] += toUnits(usage.value(), scale);
                if (units[i] >= MAX_UNITS) {
                    return null;
                }
            }
        }
        return units;
    }

    private static long toUnits(BigDecimal value, int scale) {
        if (value.signum() == 0) {
            return 0;
        }
        int shift = scale - value.scale();
        if (shift >= 0) {
            // the unscaled value (scale 0 after the shift; exact, below 10^16 by the choice of scale)
            return value.scaleByPowerOfTen(value.scale()).longValue() * POW10[shift];
        }
        return value.setScale(scale, RoundingMode.HALF_EVEN).unscaledValue().longValueExact();
    }

    int size() {
        return units.length;
    }

    long sum(int from, int to) {
        long sum = 0;
        for (int i = from; i < to; i++) {
            sum += units[i];
        }
        return sum;
    }

    BigDecimal decimal(long units) {
        return BigDecimal.valueOf(units, scale);
    }

    /** True if every hour has the same value (a flat meter, e.g. seats or reserved capacity). */
    boolean isFlat() {
        for (long value : units) {
            if (value != units[0]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Prefix sums for the backtests, in units rounded (half-even) to about 11 significant digits of the largest hour
     * if the grid's own units have more: the backtests only estimate error quantiles, and equal hours stay equal, so a
     * flat history still backtests with exactly zero error.
     */
    long[] coarsePrefix() {
        int excess = Long.toString(maxUnits).length() - COARSE_DIGITS;
        long divisor = excess > 0 ? POW10[excess] : 1;
        long[] prefix = new long[units.length + 1];
        for (int i = 0; i < units.length; i++) {
            prefix[i + 1] = prefix[i] + (divisor == 1 ? units[i] : roundHalfEven(units[i], divisor));
        }
        return prefix;
    }

    private static long roundHalfEven(long value, long divisor) {
        long quotient = value / divisor;
        long twiceRemainder = 2 * (value % divisor);
        if (twiceRemainder > divisor || (twiceRemainder == divisor && (quotient & 1) == 1)) {
            quotient++;
        }
        return quotient;
    }
}
