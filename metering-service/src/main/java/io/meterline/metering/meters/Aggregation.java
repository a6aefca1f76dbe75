package io.meterline.metering.meters;

/** How a meter's event values combine over a window. */
public enum Aggregation {
    SUM, COUNT, MAX, MIN, AVG, UNIQUE_COUNT, LATEST;

    /** COUNT counts events; the others need each event's value. */
    public boolean needsValue() {
        return this != COUNT && this != UNIQUE_COUNT;
    }
}
