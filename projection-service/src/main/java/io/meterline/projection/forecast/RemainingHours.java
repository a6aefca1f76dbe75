package io.meterline.projection.forecast;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.time.zone.ZoneRules;
import java.util.Arrays;

/**
 * The UTC hours in [from, to) still to forecast, counted per local hour-of-week slot. Only the first and the last hour
 * can be partial (now inside an hour; a period boundary at a half-hour offset); they count by their fraction.
 */
final class RemainingHours {

    private static final long HOUR_NANOS = Duration.ofHours(1).toNanos();
    private static final BigDecimal HOUR_NANOS_DECIMAL = BigDecimal.valueOf(HOUR_NANOS);

    /** Whole hours per slot. */
    final int[] wholeHours;
    /** Slots and fractions of the (at most two) partial hours. */
    final int[] partialSlots;
    final BigDecimal[] partialFractions;
    /** Total hours, partial ones by their fraction. */
    final BigDecimal hours;
    /** Number of hours touched, a partial one counting as one: the horizon the backtests forecast. */
    final int horizon;

    private RemainingHours(int[] wholeHours, int[] partialSlots, BigDecimal[] partialFractions, BigDecimal hours,
            int horizon) {
        this.wholeHours = wholeHours;
        this.partialSlots = partialSlots;
        this.partialFractions = partialFractions;
        this.hours = hours;
        this.horizon = horizon;
    }

    static RemainingHours of(Instant from, Instant to, ZoneRules rules) {
        int[] wholeHours = new int[HourOfWeek.SLOTS];
        if (!from.isBefore(to)) {
            return new RemainingHours(wholeHours, new int[0], new BigDecimal[0], BigDecimal.ZERO, 0);
        }
        long firstHour = HourOfWeek.epochHour(from);
        int count = horizon(from, to);
        HourOfWeek.count(rules, firstHour, count, wholeHours); // all of them whole, then the partial ones taken out
        Instant firstEnd = Instant.ofEpochSecond((firstHour + 1) * HourOfWeek.SECONDS_PER_HOUR);
        Instant lastStart = Instant.ofEpochSecond((firstHour + count - 1) * HourOfWeek.SECONDS_PER_HOUR);
        long firstNanos = Duration.between(from, count == 1 ? to : firstEnd).toNanos();
        long lastNanos = Duration.between(lastStart, to).toNanos();
        int[] partialSlots = new int[2];
        BigDecimal[] partialFractions = new BigDecimal[2];
        int partials = 0;
        BigDecimal hours = BigDecimal.ZERO;
        for (int i = 0; i < count; i += Math.max(1, count - 1)) { // the first and the last hour
            long nanos = i == 0 ? firstNanos : lastNanos;
            if (nanos != HOUR_NANOS) {
                int slot = HourOfWeek.slot(rules, firstHour + i);
                wholeHours[slot]--;
                BigDecimal fraction = BigDecimal.valueOf(nanos).divide(HOUR_NANOS_DECIMAL, MathContext.DECIMAL64);
                partialSlots[partials] = slot;
                partialFractions[partials++] = fraction;
                hours = hours.add(fraction);
            }
        }
        return new RemainingHours(wholeHours, Arrays.copyOf(partialSlots, partials),
                Arrays.copyOf(partialFractions, partials), hours.add(BigDecimal.valueOf(count - partials)), count);
    }

    /** The hours touched by [from, to), a partial one counting as one (the {@code horizon} of {@code of(from, to)}). */
    static int horizon(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            return 0;
        }
        return Math.toIntExact(HourOfWeek.epochHour(to.minusNanos(1)) - HourOfWeek.epochHour(from) + 1);
    }

    boolean isEmpty() {
        return horizon == 0;
    }
}
