package io.meterline.projection.forecast;

import java.time.Instant;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * Maps UTC hours to local hour-of-week slots, 0 = Monday 00:00 local to 167 = Sunday 23:00 local. Iterating UTC
 * hours makes DST need no special case: a 23-hour local day simply has no hour in one slot, a 25-hour day two hours
 * in one slot. The zone's offset is looked up only at its transitions, not once per hour.
 */
final class HourOfWeek {

    static final int SLOTS = 168;
    static final int SECONDS_PER_HOUR = 3600;
    private static final int SECONDS_PER_DAY = 86_400;

    private HourOfWeek() {
    }

    /** The slots of {@code count} consecutive UTC hours, the first starting at epoch hour {@code firstEpochHour}. */
    static int[] slots(ZoneRules rules, long firstEpochHour, int count) {
        int[] slots = new int[count];
        if (count == 0) {
            return slots;
        }
        long second = firstEpochHour * SECONDS_PER_HOUR;
        Instant first = Instant.ofEpochSecond(second);
        int offset = rules.getOffset(first).getTotalSeconds();
        ZoneOffsetTransition next = rules.nextTransition(first);
        long nextSecond = next == null ? Long.MAX_VALUE : next.toEpochSecond();
        for (int i = 0; i < count; i++, second += SECONDS_PER_HOUR) {
            while (second >= nextSecond) {
                offset = next.getOffsetAfter().getTotalSeconds();
                next = rules.nextTransition(next.getInstant());
                nextSecond = next == null ? Long.MAX_VALUE : next.toEpochSecond();
            }
            long local = second + offset;
            long day = Math.floorDiv(local, SECONDS_PER_DAY);
            int hourOfDay = Math.floorMod(local, SECONDS_PER_DAY) / SECONDS_PER_HOUR;
            int mondayBased = Math.floorMod(day + 3, 7); // 1970-01-01 was a Thursday
            slots[i] = mondayBased * 24 + hourOfDay;
        }
        return slots;
    }

    static long epochHour(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), SECONDS_PER_HOUR);
    }
}
