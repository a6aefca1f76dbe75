package io.meterline.platform.web;

import io.meterline.platform.problem.ProblemException;

/** Request bodies. An empty body where one is needed is a 400 that says what to send. */
public final class Bodies {

    private Bodies() {
    }

    public static <T> T require(T body, String what) {
        if (body == null) {
            throw ProblemException.invalidField("body", what + " is required");
        }
        return body;
    }
}
