package io.meterline.metering.ingest;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the ingest API and the usage consumer behave. */
@ConfigMapping(prefix = "meterline.ingest")
public interface IngestConfig {

    /** The most events one request may carry; more gets 413. */
    @WithDefault("1000")
    int maxBatch();

    /** How far in the past an event may be without ?backfill=true (an admin's). */
    @WithDefault("P35D")
    Duration lateWindow();

    /** How far in the future an event's timestamp may be: clocks drift. */
    @WithDefault("PT5M")
    Duration futureTolerance();

    /**
     * How long an event identity is remembered after it was first seen: a duplicate within it is counted once. At
     * least the late window; older identities are pruned from the ledger.
     */
    @WithDefault("P40D")
    Duration dedupWindow();

    /** How often the ledger is pruned of identities older than the dedup window. */
    @WithDefault("PT10M")
    Duration ledgerPruneInterval();

    /** The longest dimension value accepted. */
    @WithDefault("256")
    int maxDimensionValue();

    /** The consumer's Kafka group; every replica joins it and Kafka shares the partitions out. */
    @WithDefault("metering-usage-writer")
    String consumerGroup();

    /** The most records the consumer stores in one database transaction. */
    @WithDefault("10000")
    int consumerMaxBatch();

    /** Consumer threads per replica, each with its share of the topic's partitions (the topic has 4). */
    @WithDefault("2")
    int consumerThreads();

    /**
     * How long a stored batch may wait for the consumer's own publishing on {@code meterline.usage.metered} before
     * the relay reads it back and sends it (after a crash, or while Kafka refused it).
     */
    @WithDefault("PT30S")
    Duration meteredGrace();

    /** Whether this replica runs the usage consumer (and the metered-usage relay). */
    @WithDefault("true")
    boolean consumerEnabled();
}
