package io.meterline.rating.periods;

/**
 * When a client's periods start: on the 1st of each month ({@code CALENDAR_MONTH}), or on {@code anchorDay} of each
 * month ({@code ANNIVERSARY}; the month's last day when the month is shorter). Both in the client's time zone.
 */
public record BillingCycle(
        Type type,
        Integer anchorDay) {

    public enum Type {
        CALENDAR_MONTH, ANNIVERSARY
    }

    public static final BillingCycle CALENDAR_MONTH = new BillingCycle(Type.CALENDAR_MONTH, null);

    public static BillingCycle anniversary(int anchorDay) {
        return new BillingCycle(Type.ANNIVERSARY, anchorDay);
    }

    /** The day of the month a period starts on, before shortening to the month's length. */
    public int dayOfMonth() {
        return type == Type.ANNIVERSARY ? anchorDay : 1;
    }
}
