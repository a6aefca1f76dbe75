package io.meterline.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./meterline bench ...}: the benchmarks that run against a running {@code ./meterline up}. The rating
 * engine's JMH benchmark has its own entry point ({@link io.meterline.bench.rating.RatingBenchmarkReport}).
 */
@Command(name = "meterline bench", mixinStandardHelpOptions = true, description = "Benchmarks against a running stack.",
        subcommands = { IngestBenchmark.class, BillingBenchmark.class, ProjectionBenchmark.class,
                ConsoleBenchmark.class, SoakBenchmark.class })
public final class BenchCli {

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCli()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println(e instanceof IllegalStateException ? e.getMessage() : e.toString());
            return 2;
        }).execute(args));
    }
}
