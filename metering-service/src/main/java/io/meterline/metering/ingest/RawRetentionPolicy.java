package io.meterline.metering.ingest;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Which months of raw events may go: pure, so every rule is tested without a database. A month goes only when no
 * event can still arrive in it (it ended longer ago than the late window), it is past the retention, and billing has
 * invoiced every enabled client past its end, so an invoice is never left without the events behind it while it can
 * still be disputed. With no clients at all (metering used alone), the retention decides.
 */
public final class RawRetentionPolicy {

    private RawRetentionPolicy() {
    }

    /** How far billing has got: enabled clients, how many have no invoice yet, the earliest billed-through mark. */
    public record Billing(int enabledClients, int neverInvoiced, Instant earliestBilledThrough) {
    }

    /** The months to drop, and why older months are kept when billing holds them back (null when nothing does). */
    public record Decision(List<YearMonth> drop, String heldBack) {
    }

    /**
     * The instant before which raw events may be gone: a query reading raw events from before it could miss some.
     */
    public static Instant keptFrom(Instant now, Duration retention, Duration lateWindow) {
        return now.minus(retention.compareTo(lateWindow) >= 0 ? retention : lateWindow);
    }

    public static Decision decide(List<YearMonth> months, Instant now, Duration retention, Duration lateWindow,
            Billing billing) {
        Instant horizon = keptFrom(now, retention, lateWindow);
        List<YearMonth> drop = new ArrayList<>();
        String heldBack = null;
        for (YearMonth month : months.stream().sorted().toList()) {
            Instant end = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            if (end.isAfter(horizon)) {
                continue;
            }
            String reason = heldBackBy(billing, end);
            if (reason != null) {
                heldBack = heldBack == null ? month + " and later: " + reason : heldBack;
                continue;
            }
            drop.add(month);
        }
        return new Decision(List.copyOf(drop), heldBack);
    }

    private static String heldBackBy(Billing billing, Instant end) {
        if (billing.enabledClients() == 0) {
            return null;
        }
        if (billing.neverInvoiced() > 0) {
            return billing.neverInvoiced() + " enabled client(s) not invoiced yet";
        }
        if (billing.earliestBilledThrough().isBefore(end)) {
            return "a client is invoiced only through " + billing.earliestBilledThrough();
        }
        return null;
    }
}
