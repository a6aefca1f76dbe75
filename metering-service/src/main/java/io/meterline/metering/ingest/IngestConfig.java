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
     * least the late window. The ledger forgets identities a whole epoch at a time, so an identity is remembered for
     * at least this and at most one {@link #ledgerEpoch()} longer.
     */
    @WithDefault("P40D")
    Duration dedupWindow();

    /**
     * How long the dedup ledger claims identities in one partition before sealing it and opening the next. Shorter
     * epochs keep the partition every claim writes to smaller (it should fit in PostgreSQL's shared buffers: about
     * 110 bytes per identity with its key) and forget sooner after the window, at the cost of more partitions and
     * filters for a claim to check.
     */
    @WithDefault("P1D")
    Duration ledgerEpoch();

    /**
     * The share of new identities a sealed epoch's filter wrongly answers "maybe" for, each then costing an index
     * probe in that epoch. A filter takes about 2.1 bytes of heap per identity at 0.001, 1.4 at 0.01; with 40 epochs
     * in the window, about 40 times this share of new identities is probed.
     */
    @WithDefault("0.001")
    double ledgerFilterFalsePositiveRate();

    /** How often the ledger's epochs are looked after: the current one sealed when due, old ones dropped, filters built. */
    @WithDefault("PT1M")
    Duration ledgerMaintenanceInterval();

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
