package io.meterline.bench.rating;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import io.meterline.bench.BenchmarkReport;

/**
 * Runs {@link RatingBenchmark} on one thread and writes its table into docs/benchmarks.md, between the rating
 * markers. Run it with {@code ./meterline bench rating}.
 */
public final class RatingBenchmarkReport {

    private static final double TARGET = 1_000_000;

    private RatingBenchmarkReport() {
    }

    public static void main(String[] args) throws RunnerException, IOException {
        Path doc = Path.of(args.length > 0 ? args[0] : "docs/benchmarks.md");
        int iterations = Integer.getInteger("iterations", 5);
        Options options = new OptionsBuilder()
                .include(RatingBenchmark.class.getSimpleName())
                .forks(1).threads(1)
                .warmupIterations(3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(iterations).measurementTime(TimeValue.seconds(1))
                .jvmArgs("-Xms512m", "-Xmx512m")
                .build();
        Collection<RunResult> results = new Runner(options).run();
        if (results.size() < 2) {
            throw new IllegalStateException("The benchmark produced no results; its output above says why.");
        }
        String table = table(results);
        System.out.println(table);
        BenchmarkReport.update(doc, "rating-benchmark", "Rating engine", table);
        System.out.println("Wrote the results into " + doc);
    }

    static String table(Collection<RunResult> results) {
        List<RunResult> sorted = results.stream()
                .sorted(Comparator.comparing(r -> r.getParams().getBenchmark())).toList();
        double baseline = sorted.stream().filter(r -> r.getParams().getBenchmark().endsWith("baselineMultiplyAndRound"))
                .mapToDouble(r -> r.getPrimaryResult().getScore()).findFirst().orElse(Double.NaN);
        StringBuilder out = new StringBuilder();
        out.append("Measured ").append(LocalDate.now(ZoneOffset.UTC)).append(" on ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
                .append(System.getProperty("java.version")).append(", one thread (so per core). Target: ")
                .append(String.format(Locale.ROOT, "%,.0f", TARGET)).append(" simple ratings/s per core.\n\n");
        out.append("| benchmark | ratings/s per core | ± (99.9%) | vs. baseline | target |\n|---|---:|---:|---:|---|\n");
        for (RunResult result : sorted) {
            String name = result.getParams().getBenchmark().replaceFirst(".*\\.", "");
            double score = result.getPrimaryResult().getScore();
            double error = result.getPrimaryResult().getScoreError();
            boolean isBaseline = name.equals("baselineMultiplyAndRound");
            out.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %s | %s |%n", name, score, error,
                    isBaseline ? "baseline" : String.format(Locale.ROOT, "%.2f", score / baseline),
                    isBaseline ? "" : score >= TARGET ? "met" : "below"));
        }
        return out.toString();
    }
}
