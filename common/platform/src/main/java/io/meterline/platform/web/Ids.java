package io.meterline.platform.web;

import java.util.UUID;

import io.meterline.platform.problem.ProblemException;

/** Path ids. A malformed id names nothing, so it is a 404, not a 400. */
public final class Ids {

    private Ids() {
    }

    public static UUID parse(String id, String what) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No " + what + " " + id + ": ids are UUIDs.");
        }
    }
}
