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
        walk(rules, firstEpochHour, count, slots, null);
        return slots;
    }

    /** Adds one to {@code counts[slot]} for each of the hours {@link #slots} would list (without listing them). */
    static void count(ZoneRules rules, long firstEpochHour, int count, int[] counts) {
        walk(rules, firstEpochHour, count, null, counts);
    }

    /** The slot of one UTC hour. */
    static int slot(ZoneRules rules, long epochHour) {
        long second = epochHour * SECONDS_PER_HOUR;
        return slot(second + rules.getOffset(Instant.ofEpochSecond(second)).getTotalSeconds());
    }

    private static void walk(ZoneRules rules, long firstEpochHour, int count, int[] slots, int[] counts) {
        long second = firstEpochHour * SECONDS_PER_HOUR;
        int i = 0;
        while (i < count) {
            // one stretch of constant offset: the slot just advances by one each hour
            Instant at = Instant.ofEpochSecond(second);
            ZoneOffsetTransition next = rules.nextTransition(at);
            long end = next == null ? Long.MAX_VALUE : next.toEpochSecond();
            int slot = slot(second + rules.getOffset(at).getTotalSeconds());
            do {
                if (slots != null) {
                    slots[i] = slot;
                } else {
                    counts[slot]++;
                }
                i++;
                slot = slot == SLOTS - 1 ? 0 : slot + 1;
                second += SECONDS_PER_HOUR;
            } while (i < count && second < end);
        }
    }

    private static int slot(long localSecond) {
        int hourOfDay = Math.floorMod(localSecond, SECONDS_PER_DAY) / SECONDS_PER_HOUR;
        int mondayBased = Math.floorMod(Math.floorDiv(localSecond, SECONDS_PER_DAY) + 3, 7); // 1970-01-01: Thursday
        return mondayBased * 24 + hourOfDay;
    }

    static long epochHour(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), SECONDS_PER_HOUR);
    }
}
