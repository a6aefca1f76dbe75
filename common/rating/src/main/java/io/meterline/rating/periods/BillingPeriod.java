package io.meterline.rating.periods;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;

/**
 * One billing period, {@code [start, end)}. It is the nominal period (boundary to boundary) clipped to the client's
 * {@code startsAt} and {@code endsAt}: a first period that starts between boundaries is a prorated stub.
 */
public record BillingPeriod(Instant start, Instant end, Instant nominalStart, Instant nominalEnd) {

    /** Fractions keep 18 decimal places; amounts are rounded once per line, so this never shows in a total. */
    public static final int FRACTION_SCALE = 18;

    public BillingPeriod {
        if (!start.isBefore(end) || start.isBefore(nominalStart) || end.isAfter(nominalEnd)) {
            throw new IllegalArgumentException("Not a period: [" + start + ", " + end + ") within [" + nominalStart
                    + ", " + nominalEnd + ")");
        }
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }

    public boolean isStub() {
        return !start.equals(nominalStart) || !end.equals(nominalEnd);
    }

    /** The share of the nominal period this period covers, by seconds: 1 for a whole period. */
    public BigDecimal fraction() {
        return fractionOf(start, end);
    }

    /**
     * The share of the nominal period, by seconds, that {@code [from, to)} covers within this period; {@code to} may
     * be null for open-ended. A bucket active for part of a period has its base and commit prorated by it.
     */
    public BigDecimal fractionOf(Instant from, Instant to) {
        Instant a = from == null || from.isBefore(start) ? start : from;
        Instant b = to == null || to.isAfter(end) ? end : to;
        if (!a.isBefore(b)) {
            return BigDecimal.ZERO;
        }
        long nominal = Duration.between(nominalStart, nominalEnd).getSeconds();
        long covered = Duration.between(a, b).getSeconds();
        if (covered == nominal) {
            return BigDecimal.ONE;
        }
        return BigDecimal.valueOf(covered).divide(BigDecimal.valueOf(nominal), FRACTION_SCALE, RoundingMode.HALF_EVEN)
                .stripTrailingZeros();
    }
}
