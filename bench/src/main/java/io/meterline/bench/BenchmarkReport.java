package io.meterline.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a benchmark's section of docs/benchmarks.md, between its markers, leaving the rest of the page alone. */
public final class BenchmarkReport {

    private BenchmarkReport() {
    }

    /**
     * Ends a benchmark run: its section written into {@code doc} (none for a run too small to stand for the
     * published figures), then the results on stdout, as one JSON line with {@code --json} or as the Markdown.
     */
    static void publish(Path doc, String name, String title, String markdown, Object result, boolean json)
            throws IOException {
        if (doc != null) {
            update(doc, name, title, markdown);
            Bench.log("Wrote the results into %s", doc);
        }
        if (json) {
            System.out.println(StackApi.write(result));
        } else {
            System.out.print(markdown);
        }
    }

    public static void update(Path doc, String name, String title, String body) throws IOException {
        String start = "<!-- " + name + ":start -->";
        String end = "<!-- " + name + ":end -->";
        String section = start + "\n" + body.stripTrailing() + "\n" + end;
        String text = Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : "# Benchmarks\n";
        int from = text.indexOf(start);
        int to = text.indexOf(end);
        if (from >= 0 && to > from) {
            text = text.substring(0, from) + section + text.substring(to + end.length());
        } else {
            text = text.stripTrailing() + "\n\n## " + title + "\n\n" + section + "\n";
        }
        Files.writeString(doc, text, StandardCharsets.UTF_8);
    }
}
