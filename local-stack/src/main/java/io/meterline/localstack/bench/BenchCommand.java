package io.meterline.localstack.bench;

import picocli.CommandLine.Command;

/** {@code ./meterline bench ...}: benchmarks that run against a running stack. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks against a running stack.",
        subcommands = { IngestBenchmark.class, BillingBenchmark.class, ProjectionBenchmark.class,
                ConsoleBenchmark.class })
public final class BenchCommand {
}
