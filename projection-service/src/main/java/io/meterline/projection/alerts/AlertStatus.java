package io.meterline.projection.alerts;

/** The state of one alert rule for one scope, as computed by {@link AlertStateMachine}. */
public enum AlertStatus {
    /** The value is on the safe side of the warning level (or of the threshold when the rule has no warning level). */
    OK,
    /** The value has crossed the warning level but not the threshold. Never notifies on its own. */
    WARNING,
    /** The value has crossed the threshold. Notifies once per period per scope. */
    FIRING
}
