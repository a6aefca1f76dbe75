package io.meterline.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the browser tests leave what a person reads afterwards: screenshots, downloads, measured timings. */
final class Artifacts {

    private Artifacts() {
    }

    static Path dir() {
        Path dir = Path.of(System.getProperty("meterline.e2e.artifacts", "target/e2e")).toAbsolutePath();
        try {
            Files.createDirectories(dir.resolve("screenshots"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
