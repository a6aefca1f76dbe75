package io.meterline.e2e;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/** A failing browser test says where the console was and what it showed, in the output CI keeps. */
public class ShowsTheConsoleOnFailure implements BeforeEachCallback, TestExecutionExceptionHandler {

    @Override
    public void beforeEach(ExtensionContext context) {
        Console.forget();
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        String seen = Console.lastSeen();
        if (seen.isEmpty()) {
            throw failure;
        }
        AssertionError described = new AssertionError(failure.getMessage() + "\nThe console showed: " + seen, failure);
        throw described;
    }
}
