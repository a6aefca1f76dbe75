package io.meterline.rating.periods;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A client's billing periods, computed in its time zone. A period starts at the start of the local day of its
 * boundary: the 1st ({@code CALENDAR_MONTH}) or {@code anchorDay} ({@code ANNIVERSARY}, or the month's last day when
 * the month is shorter, every month again from the anchor: 31 → Sep 30 → Oct 31). Where midnight does not exist on
 * that day (a daylight-saving gap), the day's first instant is the boundary; a DST change never moves a boundary off
 * the start of the local day. The first period starts at {@code startsAt} and the last ends at {@code endsAt}.
 * Pure: no clock, no framework.
 */
public final class BillingPeriods {

    private final ZoneId zone;
    private final BillingCycle cycle;
    private final Instant startsAt;
    private final Instant endsAt;

    public BillingPeriods(ZoneId zone, BillingCycle cycle, Instant startsAt, Instant endsAt) {
        if (endsAt != null && !endsAt.isAfter(startsAt)) {
            throw new IllegalArgumentException("endsAt " + endsAt + " must be after startsAt " + startsAt);
        }
        this.zone = zone;
        this.cycle = cycle;
        this.startsAt = startsAt;
        this.endsAt = endsAt;
    }

    /** The first instant of {@code month}'s boundary day. */
    public Instant boundaryIn(YearMonth month) {
        LocalDate day = month.atDay(Math.min(cycle.dayOfMonth(), month.lengthOfMonth()));
        // atStartOfDay picks the first valid instant when local midnight falls in a gap.
        return day.atStartOfDay(zone).toInstant();
    }

    /** The client's period that contains {@code instant}, if the client is billed then. */
    public Optional<BillingPeriod> containing(Instant instant) {
        if (instant.isBefore(startsAt) || (endsAt != null && !instant.isBefore(endsAt))) {
            return Optional.empty();
        }
        return Optional.of(clip(nominalMonth(instant)));
    }

    /** The client's first period: a stub when {@code startsAt} falls between boundaries. */
    public BillingPeriod first() {
        return clip(nominalMonth(startsAt));
    }

    /** The period after {@code period}, if the client is still billed then. */
    public Optional<BillingPeriod> next(BillingPeriod period) {
        return containing(period.end());
    }

    /** Every period, in order, that ends at or before {@code cutoff}. */
    public List<BillingPeriod> endedBy(Instant cutoff) {
        List<BillingPeriod> ended = new ArrayList<>();
        Optional<BillingPeriod> period = Optional.of(first());
        while (period.isPresent() && !period.get().end().isAfter(cutoff)) {
            ended.add(period.get());
            period = next(period.get());
        }
        return ended;
    }

    /** The month whose boundary starts the nominal period that contains {@code instant}. */
    private YearMonth nominalMonth(Instant instant) {
        YearMonth month = YearMonth.from(LocalDate.ofInstant(instant, zone));
        return instant.isBefore(boundaryIn(month)) ? month.minusMonths(1) : month;
    }

    private BillingPeriod clip(YearMonth month) {
        Instant nominalStart = boundaryIn(month);
        Instant nominalEnd = boundaryIn(month.plusMonths(1));
        Instant start = nominalStart.isBefore(startsAt) ? startsAt : nominalStart;
        Instant end = endsAt != null && endsAt.isBefore(nominalEnd) ? endsAt : nominalEnd;
        return new BillingPeriod(start, end, nominalStart, nominalEnd);
    }
}
