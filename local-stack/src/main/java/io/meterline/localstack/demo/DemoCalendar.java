package io.meterline.localstack.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * The load's one reading of the clock, in UTC: twelve whole months of history ending where the current month
 * starts (the closed months, billed), then the current month so far (the open period, projected). Every date the
 * demo uses is derived from it, so that one load is consistent with itself.
 *
 * @param now the load's start; no event is later
 * @param month the current UTC month
 */
record DemoCalendar(Instant now, YearMonth month) {

    /** Months of history before the current one. */
    static final int MONTHS = 12;

    static DemoCalendar at(Instant now) {
        return new DemoCalendar(now, YearMonth.from(now.atOffset(ZoneOffset.UTC)));
    }

    /** The start (UTC) of the month {@code monthsAgo} months before the current one. */
    Instant monthStart(int monthsAgo) {
        return month.minusMonths(monthsAgo).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Where the history starts: the first event is not before it. */
    Instant dataStart() {
        return monthStart(MONTHS);
    }

    LocalDate firstDay() {
        return month.minusMonths(MONTHS).atDay(1);
    }

    LocalDate today() {
        return LocalDate.ofInstant(now, ZoneOffset.UTC);
    }
}
