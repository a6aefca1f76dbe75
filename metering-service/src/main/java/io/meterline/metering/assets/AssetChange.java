package io.meterline.metering.assets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.meterline.platform.problem.Problem;
import io.meterline.platform.problem.ProblemException;

/**
 * A PATCH of an asset: the fields sent change, the others stay; {@code null} clears a name or description. Read from
 * the body as sent, so that a field left out and a field sent as null differ. Validated as a whole, every bad field
 * named; a field that cannot be changed here is refused, never ignored.
 */
final class AssetChange {

    static final int MAX_TEXT = 1000;

    private final Map<String, Object> sent;

    private AssetChange(Map<String, Object> sent) {
        this.sent = sent;
    }

    static AssetChange from(Map<String, Object> body) {
        List<Problem.FieldError> errors = new ArrayList<>();
        body.forEach((field, value) -> {
            String error = switch (field) {
                case "name", "description" -> value == null || value instanceof String s && s.length() <= MAX_TEXT
                        ? null : "must be text of at most " + MAX_TEXT + " characters";
                case "enabled" -> value instanceof Boolean ? null : "must be true or false";
                default -> "cannot be changed here; only name, description and enabled";
            };
            if (error != null) {
                errors.add(new Problem.FieldError(field, error));
            }
        });
        if (!errors.isEmpty()) {
            throw ProblemException.invalidFields("The change", errors);
        }
        return new AssetChange(new LinkedHashMap<>(body));
    }

    /** The asset with this change applied. */
    Asset applyTo(Asset a) {
        return new Asset(a.id(), text("name", a.name()), text("description", a.description()), a.source(),
                a.client(), a.acknowledged(), sent.containsKey("enabled") ? (Boolean) sent.get("enabled") : a.enabled(),
                a.disregarded(), a.firstSeen(), a.lastSeen(), a.createdAt(), a.updatedAt());
    }

    private String text(String field, String was) {
        return sent.containsKey(field) ? (String) sent.get(field) : was;
    }
}
