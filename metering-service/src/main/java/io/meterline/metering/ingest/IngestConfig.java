package io.meterline.metering.ingest;

import java.time.Duration;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the ingest API and the usage consumer behave. */
@ConfigMapping(prefix = "meterline.ingest")
public interface IngestConfig {

    /** The most events one request may carry; more gets 413. */
    @WithDefault("1000")
    int maxBatch();

    /**
     * How long a request waits for Kafka to take its events before it is answered 503 with Retry-After. Events may
     * still reach Kafka after that; the client's retry with the same ids is then deduplicated, so nothing counts
     * twice. Without a bound, a stalled broker holds every request (and the sender's threads) until it returns.
     */
    @WithDefault("PT5S")
    Duration publishTimeout();

    /**
     * How long handing an event to the Kafka producer may block the request's thread: while the broker is away its
     * buffer fills, and a request then fails at once with 503 instead of waiting. Short, because it blocks an event
     * loop.
     */
    @WithDefault("PT0.1S")
    Duration publishMaxBlock();

    /** The Retry-After a 503 answers with: about how long a broker restart takes. */
    @WithDefault("PT5S")
    Duration unavailableRetryAfter();

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
     * The longest the dedup ledger claims identities in one partition before sealing it and opening the next (sooner
     * if its key outgrows {@link #ledgerEpochKeyLimit()}). Every claim asks each sealed epoch's filter (CPU, about
     * 30 ns each) and inserts into the current epoch's key. The default, a quarter of the default window, measured as
     * fast as one unpartitioned ledger at 100 million identities on 2 cores (docs/benchmarks.md, "A full dedup
     * ledger"). An identity is forgotten between the dedup window and one epoch later.
     */
    @WithDefault("P10D")
    Duration ledgerEpoch();

    /**
     * The most the current ledger epoch's key may hold on disk before the epoch is sealed early, whatever its age.
     * Every claim inserts into that key at a random place, so it must stay in PostgreSQL's buffers: past them, each
     * claim waits on evicted pages. Empty, the default: a quarter of the database's {@code shared_buffers}, read at
     * every maintenance pass (about 40 bytes per identity, so 6.5 million identities for 1 GB of buffers). An epoch
     * sealed early is still dropped only once the dedup window has passed since; an epoch younger than
     * {@link #ledgerEpochMinimum()} is not sealed for its size.
     */
    Optional<MemorySize> ledgerEpochKeyLimit();

    /**
     * The shortest an epoch lasts before its key's size may seal it. It bounds the epochs in the window to the dedup
     * window divided by this (40 by default), each costing every claim a filter check (about 30 ns) and 0.1 % of new
     * identities an index probe of an old epoch. Traffic that fills the key limit sooner needs more
     * {@code shared_buffers}, not shorter epochs.
     */
    @WithDefault("P1D")
    Duration ledgerEpochMinimum();

    /**
     * The share of new identities a sealed epoch's filter wrongly answers "maybe" for, each then costing an index
     * probe in that epoch. A filter takes about 2.1 bytes of heap per identity at 0.001, 1.4 at 0.01; with n sealed
     * epochs in the window, about n times this share of new identities is probed.
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

    /**
     * How long the consumer may fail to store a batch (retrying with back-off) before readiness reports it DOWN: long
     * enough to ride out a database failover without turning the replica away.
     */
    @WithDefault("PT10S")
    Duration storeFailureGrace();

    /** How far back readiness counts the records set aside on the dead-letter topic. */
    @WithDefault("PT5M")
    Duration deadLetterWindow();

    /**
     * How many records may be set aside within the window before readiness reports DOWN: one bad record is kept aside
     * and the consumer goes on; a stream of them means a producer or this service is wrong.
     */
    @WithDefault("100")
    int deadLetterThreshold();

    /**
     * How long raw events ({@code meter_event}) are kept after their month ends; empty, the default, keeps them
     * forever. A month's partition is dropped whole once it ended longer ago than this and the late window, and every
     * enabled client has been invoiced past its end (docs/metering.md). Usage totals at whole hours come from the
     * hourly rollups, which are kept; a query at finer bounds older than this is refused.
     */
    Optional<Duration> rawRetention();

    /** How often this replica looks for raw-event months past their retention. */
    @WithDefault("PT6H")
    Duration rawRetentionCheck();

    /** Whether this replica runs the usage consumer (and the metered-usage relay). */
    @WithDefault("true")
    boolean consumerEnabled();
}
