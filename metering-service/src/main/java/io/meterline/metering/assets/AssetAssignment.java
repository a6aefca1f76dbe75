package io.meterline.metering.assets;

import java.util.Map;

import io.meterline.platform.problem.ProblemException;

/** The body of an assignment, {@code {"client": "<customer>"}}, or {@code {"client": null}} to unassign. */
final class AssetAssignment {

    private AssetAssignment() {
    }

    /** The client to assign, or null to unassign; anything else is refused. */
    static String client(Map<String, Object> body) {
        Object client = body.get("client");
        boolean valid = body.size() == 1 && body.containsKey("client")
                && (client == null || client instanceof String s && !s.isBlank() && s.length() <= 256);
        if (!valid) {
            throw ProblemException.invalidField("client", "send {\"client\": \"<customer id>\"}, or null to unassign");
        }
        return (String) client;
    }
}
