package io.meterline.bench;

import picocli.CommandLine.Option;

/**
 * The shape of the load the ingest benchmarks send, and the state they send it into: one set of options for
 * {@code bench ingest} and {@code bench soak}, so that the two read the same way and measure the same thing.
 */
abstract class LoadOptions {

    @Option(names = "--batch", defaultValue = "500", description = "Events per request (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--concurrency", defaultValue = "8", description = "Requests in flight (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--customers", defaultValue = "1000", description = "Distinct customers (default ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--ledger", defaultValue = "0", description = "Before measuring, fill the dedup ledger to this "
            + "many identities, as a deployment holding a full dedup window would (default ${DEFAULT-VALUE}: as it is).")
    long ledger;

    @Option(names = "--without-projections", description = "Pause projection-service (SIGSTOP) for the run and resume "
            + "it after: metering's ingest alone on this machine, as when projections run on other nodes.")
    boolean withoutProjections;

    @Option(names = "--json", description = "Print one JSON object with the results.")
    boolean json;
}
