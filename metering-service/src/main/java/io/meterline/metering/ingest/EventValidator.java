package io.meterline.metering.ingest;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import io.meterline.metering.meters.DataPath;
import io.meterline.metering.meters.Meter;
import io.meterline.platform.time.UtcInstants;

/**
 * Turns one JSON event into a {@link RawUsageEvent}, or says why not in words a person can act on. Pure: the clock,
 * the meters and the caller's customer scope are passed in.
 */
public final class EventValidator {

    /** The outcome for one event: exactly one of event and rejection is set. */
    public record Outcome(RawUsageEvent event, IngestRejection rejection) {
    }

    private static final int MAX_ID = 256;
    private static final java.util.Set<String> FIELDS = java.util.Set.of("id", "meter", "customer", "asset", "source",
            "timestamp", "value", "dimensions");

    private final Function<String, Meter> meters;
    private final Instant now;
    private final Duration lateWindow;
    private final Duration futureTolerance;
    private final int maxDimensionValue;
    private final boolean backfill;
    private final String customerScope;

    /**
     * @param customerScope the only customer the caller may send for (an API key's scope), or null for any
     */
    public EventValidator(Function<String, Meter> meters, Instant now, Duration lateWindow, Duration futureTolerance,
            int maxDimensionValue, boolean backfill, String customerScope) {
        this.meters = meters;
        this.now = now;
        this.lateWindow = lateWindow;
        this.futureTolerance = futureTolerance;
        this.maxDimensionValue = maxDimensionValue;
        this.backfill = backfill;
        this.customerScope = customerScope;
    }

    /** Validates an event in our JSON shape. */
    public Outcome validate(int index, JsonNode node) {
        if (node == null || !node.isObject()) {
            return reject(index, null, "not_an_object", "Each event must be a JSON object.");
        }
        String id = text(node, "id");
        Map<String, String> dims = new TreeMap<>();
        JsonNode dimensions = node.get("dimensions");
        if (dimensions != null && !dimensions.isNull()) {
            if (!dimensions.isObject()) {
                return reject(index, id, "invalid_dimensions", "dimensions must be an object of strings.");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = dimensions.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                    return reject(index, id, "invalid_dimensions", "Dimension '" + e.getKey()
                            + "' must be a string, number or boolean.");
                }
                dims.put(e.getKey(), e.getValue().asText());
            }
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                return reject(index, id, "unknown_field", "Unknown field '" + field + "'. Put attributes in dimensions.");
            }
        }
        String meterName = text(node, "meter");
        return check(index, id, meterName, meterName == null ? null : meters.apply(meterName), text(node, "customer"),
                text(node, "asset"), text(node, "source"), text(node, "timestamp"), node.get("value"), "", dims, true);
    }

    /**
     * Validates an event in OpenMeter's CloudEvents shape: {@code type} picks the meter (the validator's meters are
     * then looked up by event type), {@code subject} is the customer, the value is at the meter's
     * {@code valueProperty} in {@code data} (else {@code data.value}), each dimension at its {@code groupBy} path
     * (else the data field of its name), and {@code data.asset} is the asset. Other data fields are ignored, as
     * OpenMeter ignores properties a meter does not read.
     */
    public Outcome validateCloudEvent(int index, JsonNode node) {
        if (node == null || !node.isObject()) {
            return reject(index, null, "not_an_object", "Each CloudEvent must be a JSON object.");
        }
        String id = text(node, "id");
        if (!"1.0".equals(text(node, "specversion"))) {
            return reject(index, id, "invalid_cloudevent", "specversion must be \"1.0\".");
        }
        JsonNode data = node.get("data");
        if (data != null && !data.isNull() && !data.isObject()) {
            return reject(index, id, "invalid_cloudevent", "data must be a JSON object.");
        }
        String meterName = text(node, "type");
        Meter meter = meterName == null ? null : meters.apply(meterName);
        DataPath valuePath = meter == null ? null : meter.valuePath();
        String valueAt = valuePath == null ? " (data.value)" : " at " + valuePath + " in data (the meter's valueProperty)";
        Map<String, String> dims = new TreeMap<>();
        JsonNode value = null;
        if (data != null && !data.isNull() && meter != null) {
            for (String dimension : meter.dimensions()) {
                DataPath path = meter.dimensionPath(dimension);
                JsonNode found = path == null ? data.get(dimension) : path.read(data);
                if (found == null || found.isNull()) {
                    continue;
                }
                if (!found.isValueNode()) {
                    return reject(index, id, "invalid_dimensions", "Dimension '" + dimension + "' "
                            + (path == null ? "(data." + dimension + ")" : "at " + path + " in data")
                            + " must be a string, number or boolean.");
                }
                dims.put(dimension, found.asText());
            }
            // A UNIQUE_COUNT's valueProperty is its counted dimension, read above; it has no value to read.
            boolean counted = meter.valueProperty() != null && valuePath == null;
            value = counted ? null : valuePath == null ? data.get("value") : valuePath.read(data);
        }
        return check(index, id, meter == null ? meterName : meter.apiName(), meter, text(node, "subject"),
                data == null ? null : text(data, "asset"),
                text(node, "source"), text(node, "time"), value, valueAt, dims, false);
    }

    /** @param strictDimensions our JSON shape (which also names its fields in the reasons), not a CloudEvent */
    private Outcome check(int index, String id, String meterName, Meter meter, String customer, String asset,
            String source, String timestamp, JsonNode valueNode, String valueAt, Map<String, String> dims,
            boolean strictDimensions) {
        if (id == null || id.isBlank()) {
            return reject(index, id, "missing_id", "id is required: a unique id per event, reused on retries.");
        }
        if (id.length() > MAX_ID) {
            return reject(index, id, "invalid_id", "id must be at most " + MAX_ID + " characters.");
        }
        if (meterName == null) {
            return reject(index, id, "missing_meter", (strictDimensions ? "meter" : "type") + " is required.");
        }
        String nul = firstWithNul(id, meterName, customer, asset, source, dims);
        if (nul != null) {
            // PostgreSQL text cannot hold U+0000: stored, the event would fail its whole batch.
            return reject(index, id, "invalid_character", nul + " contains the NUL character (U+0000), which no "
                    + "stored text may hold.");
        }
        if (meter == null) {
            return reject(index, id, "unknown_meter", strictDimensions
                    ? "Unknown meter '" + meterName + "'. Define it with POST /api/v1/meters first."
                    : "No meter reads CloudEvents of type '" + meterName + "'. Define one with POST /api/v1/meters "
                            + "first, named so or with this eventType.");
        }
        if (customer == null && asset == null) {
            return reject(index, id, "missing_subject", (strictDimensions ? "customer or asset" : "subject (or data.asset)")
                    + " is required: whom the usage is for.");
        }
        if (customerScope != null && !customerScope.equals(customer)) {
            return reject(index, id, "customer_out_of_scope", "This API key may only send events for customer '"
                    + customerScope + "'.");
        }
        for (String[] field : new String[][] { { "customer", customer }, { "asset", asset }, { "source", source } }) {
            if (field[1] != null && (field[1].isBlank() || field[1].length() > 256)) {
                return reject(index, id, "invalid_" + field[0], field[0] + " must be 1 to 256 characters.");
            }
        }
        if (timestamp == null) {
            return reject(index, id, "missing_timestamp", (strictDimensions ? "timestamp" : "time")
                    + " is required, as an ISO-8601 instant in UTC.");
        }
        Instant time;
        try {
            time = UtcInstants.parse(timestamp);
        } catch (DateTimeParseException e) {
            return reject(index, id, "invalid_timestamp", (strictDimensions ? "timestamp '" : "time '") + timestamp
                    + "' is not an ISO-8601 instant such as 2026-11-20T10:00:00Z.");
        }
        if (time.isAfter(now.plus(futureTolerance))) {
            return reject(index, id, "timestamp_in_future", "timestamp " + time + " is more than "
                    + futureTolerance.toMinutes() + " minutes in the future; check the sender's clock.");
        }
        if (!backfill && time.isBefore(now.minus(lateWindow))) {
            return reject(index, id, "timestamp_too_old", "timestamp " + time + " is older than the late window of "
                    + lateWindow.toDays() + " days. An admin can load it with ?backfill=true.");
        }
        BigDecimal value;
        if (valueNode == null || valueNode.isNull()) {
            if (meter.aggregation().needsValue()) {
                return reject(index, id, "missing_value", "value" + valueAt + " is required for the "
                        + meter.aggregation() + " meter " + meter.apiName() + ".");
            }
            value = BigDecimal.ONE;
        } else {
            try {
                value = valueNode.isNumber() ? valueNode.decimalValue()
                        : valueNode.isTextual() ? new BigDecimal(valueNode.asText().trim()) : null;
            } catch (NumberFormatException e) {
                value = null;
            }
            if (value == null) {
                return reject(index, id, "invalid_value", "value" + valueAt
                        + " must be a finite decimal, as a number or a string.");
            }
            if (value.signum() < 0) {
                return reject(index, id, "negative_value", "value" + valueAt + " must not be negative.");
            }
            if (value.precision() - value.scale() > 29 || value.scale() > 9) {
                return reject(index, id, "invalid_value", "value" + valueAt
                        + " must have at most 29 digits before the point and 9 after.");
            }
        }
        for (Map.Entry<String, String> dim : dims.entrySet()) {
            if (strictDimensions && !meter.declares(dim.getKey())) {
                return reject(index, id, "undeclared_dimension", "Dimension '" + dim.getKey() + "' is not declared by "
                        + "meter " + meter.apiName() + " (declared: " + String.join(", ", meter.dimensions()) + ").");
            }
            if (dim.getValue().length() > maxDimensionValue) {
                return reject(index, id, "dimension_too_long", "Dimension '" + dim.getKey() + "' is longer than "
                        + maxDimensionValue + " characters.");
            }
        }
        if (meter.uniqueBy() != null && !dims.containsKey(meter.uniqueBy())) {
            DataPath at = strictDimensions ? null : meter.dimensionPath(meter.uniqueBy());
            return reject(index, id, "missing_dimension", "Dimension '" + meter.uniqueBy() + "'"
                    + (at == null ? "" : " (at " + at + " in data)") + " is required: meter " + meter.apiName()
                    + " counts its distinct values.");
        }
        return new Outcome(new RawUsageEvent(RawUsageEvent.SCHEMA_VERSION, id, meterName, customer, asset, source, time,
                value, dims.isEmpty() ? Map.of() : dims, now), null);
    }

    /** The first field holding U+0000, named as the sender wrote it, or null. */
    private static String firstWithNul(String id, String meter, String customer, String asset, String source,
            Map<String, String> dims) {
        String[][] fields = { { "id", id }, { "meter", meter }, { "customer", customer }, { "asset", asset },
                { "source", source } };
        for (String[] field : fields) {
            if (field[1] != null && field[1].indexOf(0) >= 0) {
                return field[0];
            }
        }
        for (Map.Entry<String, String> dim : dims.entrySet()) {
            if (dim.getKey().indexOf(0) >= 0 || dim.getValue().indexOf(0) >= 0) {
                return "dimension '" + dim.getKey().replace("\0", "\\u0000") + "'";
            }
        }
        return null;
    }

    private static Outcome reject(int index, String id, String code, String reason) {
        return new Outcome(null, new IngestRejection(index, id, code, reason));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.isValueNode() ? value.asText() : value.toString();
    }
}
