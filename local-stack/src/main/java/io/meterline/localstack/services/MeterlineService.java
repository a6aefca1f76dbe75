package io.meterline.localstack.services;

import java.nio.file.Path;
import java.util.List;

/** The five services, in start order, with the module each is built in and its database. */
public enum MeterlineService {

    // Metering carries the ingest load: a larger heap and the parallel collector, for short pauses under it.
    METERING("metering-service", "metering", "Ingest, assets, usage queries", "-Xmx1g", "-XX:+UseParallelGC"),
    PRICING("pricing-service", "pricing", "Unit types, price plans, cost rates, quotes"),
    BILLING("billing-service", "billing", "Clients, buckets, billing runs, invoices"),
    PROJECTION("projection-service", "projection", "Projections, alerts, margin analytics", "-Xmx1g",
            "-XX:+UseParallelGC"),
    GATEWAY("admin-gateway", "gateway", "Web console and aggregated views");

    private final String module;
    private final String database;
    private final String role;
    private final List<String> jvmOptions;

    MeterlineService(String module, String database, String role, String... jvmOptions) {
        this.module = module;
        this.database = database;
        this.role = role;
        this.jvmOptions = jvmOptions.length > 0 ? List.of(jvmOptions) : List.of("-Xmx512m", "-XX:+UseSerialGC");
    }

    /** Heap and collector for the service's JVM. */
    public List<String> jvmOptions() {
        return jvmOptions;
    }

    public String module() {
        return module;
    }

    public String database() {
        return database;
    }

    public String role() {
        return role;
    }

    /** The runnable fast-jar that {@code mvn package} builds. */
    public Path runnableJar(Path repository) {
        return repository.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }
}
