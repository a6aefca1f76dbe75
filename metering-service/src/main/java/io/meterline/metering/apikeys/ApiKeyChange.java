package io.meterline.metering.apikeys;

import java.util.Map;

import io.meterline.platform.problem.ProblemException;

/**
 * The body of a key's PATCH: whether it is enabled, and nothing else (a name or a role needs a new key). Read as
 * sent, so that {@code "enabled": "true"} or an extra field is refused, never coerced or ignored.
 */
final class ApiKeyChange {

    private ApiKeyChange() {
    }

    static boolean enabled(Map<String, Object> body) {
        for (String field : body.keySet()) {
            if (!field.equals("enabled")) {
                throw ProblemException.invalidField(field,
                        "cannot be changed: send {\"enabled\": true or false}; a new name or role needs a new key");
            }
        }
        if (!(body.get("enabled") instanceof Boolean enabled)) {
            throw ProblemException.invalidField("enabled", "send {\"enabled\": true or false}");
        }
        return enabled;
    }
}
