package io.meterline.bench;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** Where the running stack's services answer, as the benchmarks that call several of them take it. */
final class StackOptions {

    @Option(names = "--metering-url", defaultValue = "${env:METERLINE_METERING_URL:-http://localhost:8081}")
    String meteringUrl;

    @Option(names = "--pricing-url", defaultValue = "${env:METERLINE_PRICING_URL:-http://localhost:8082}")
    String pricingUrl;

    @Option(names = "--billing-url", defaultValue = "${env:METERLINE_BILLING_URL:-http://localhost:8083}")
    String billingUrl;

    @Option(names = "--projection-url", defaultValue = "${env:METERLINE_PROJECTION_URL:-http://localhost:8084}")
    String projectionUrl;

    @Option(names = "--postgres-port", defaultValue = "${env:METERLINE_POSTGRES_PORT:-54320}")
    int postgresPort;

    @Option(names = "--home", defaultValue = "${env:METERLINE_HOME:-.meterline}")
    Path home;
}
