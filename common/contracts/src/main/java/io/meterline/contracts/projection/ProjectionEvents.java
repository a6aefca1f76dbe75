package io.meterline.contracts.projection;

/** The CloudEvents types on {@link io.meterline.contracts.Topics#PROJECTION_ALERTS}, and their record keys. */
public final class ProjectionEvents {

    public static final String SOURCE = "/meterline/projection-service";
    public static final String ALERT_STATE_CHANGED = "io.meterline.projection.alert-state-changed.v1";

    private ProjectionEvents() {
    }

    /** Every change of one rule's state in one scope is keyed alike, so a consumer sees them in order. */
    public static String alertKey(Object ruleId, String scope) {
        return "alert/" + ruleId + "/" + scope;
    }
}
