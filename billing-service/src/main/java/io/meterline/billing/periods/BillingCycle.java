package io.meterline.billing.periods;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * When a client's periods start: on the 1st of each month ({@code CALENDAR_MONTH}), or on {@code anchorDay} of each
 * month ({@code ANNIVERSARY}; the month's last day when the month is shorter). Both in the client's time zone.
 */
@Schema(name = "BillingCycle", description = "When a client's billing periods start, in the client's time zone.")
public record BillingCycle(
        @Schema(required = true, enumeration = { "CALENDAR_MONTH", "ANNIVERSARY" }, examples = "ANNIVERSARY")
        Type type,
        @Schema(description = "1 to 31, for ANNIVERSARY only. A shorter month uses its last day.", examples = "31")
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
