package io.meterline.metering.apikeys;

import java.util.Set;
import java.util.TreeSet;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonAnySetter;

import io.meterline.platform.problem.ProblemException;

/** What a PATCH of a key may change: whether it is enabled, and nothing else (a name or a role needs a new key). */
@Schema(name = "ApiKeyChange")
public class ApiKeyChange {

    @Schema(required = true, examples = "false")
    public Boolean enabled;

    private final Set<String> others = new TreeSet<>();

    @JsonAnySetter
    void other(String name, Object value) {
        others.add(name);
    }

    /** The one change asked for; anything else is refused, so that no field is silently ignored. */
    boolean enabledOnly() {
        if (!others.isEmpty()) {
            throw ProblemException.invalidField(others.iterator().next(),
                    "cannot be changed: send {\"enabled\": true or false}; a new name or role needs a new key");
        }
        if (enabled == null) {
            throw ProblemException.invalidField("enabled", "send {\"enabled\": true or false}");
        }
        return enabled;
    }
}
