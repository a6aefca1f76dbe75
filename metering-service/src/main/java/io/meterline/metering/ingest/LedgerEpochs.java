package io.meterline.metering.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Looks after the dedup ledger's epochs (V6): seals the current epoch once it is {@code meterline.ingest.ledger-epoch}
 * old, or once its key holds more than {@code meterline.ingest.ledger-epoch-key-limit} and it is at least
 * {@code meterline.ingest.ledger-epoch-minimum} old (V10), and opens the next;
 * drops whole the sealed epochs that ended before the dedup window began; and brings this replica's
 * {@link LedgerFilters} up to date. So an identity is remembered for at least the dedup window and at most one epoch
 * longer, and pruning is dropping a table, not deleting rows. Any replica may do it; the ledger lock and the SQL
 * functions make two doing it at once harmless.
 */
@ApplicationScoped
public class LedgerEpochs {

    private static final Logger LOG = Logger.getLogger(LedgerEpochs.class);

    /** The default key limit's share of PostgreSQL's shared buffers (1/n): the rest holds everything else written. */
    private static final int SHARE_OF_BUFFERS = 4;

    /** What one pass did: the epoch it opened (null if none was due), and how many identities it forgot. */
    public record Pass(Integer opened, long forgotten) {
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    IngestConfig config;

    @Inject
    LedgerFilters filters;

    private final MeterRegistry registry;

    @Inject
    Clock clock;

    private final AtomicLong keyLimitBytes = new AtomicLong();

    private final AtomicLong currentKeyBytes = new AtomicLong();

    @Inject
    LedgerEpochs(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("meterline.ingest.ledger.current.key.bytes", currentKeyBytes, AtomicLong::get)
                .description("The current ledger epoch's key on disk, as of this replica's last maintenance pass")
                .baseUnit("bytes").register(registry);
        Gauge.builder("meterline.ingest.ledger.current.key.limit", keyLimitBytes, AtomicLong::get)
                .description("The key size past which the current ledger epoch is sealed early")
                .baseUnit("bytes").register(registry);
    }

    void start(@Observes StartupEvent event) {
        requireWindowCoversLateWindow(config.dedupWindow(), config.lateWindow());
    }

    /** Refuses a dedup window shorter than the late window: an accepted event could then be counted twice. */
    static void requireWindowCoversLateWindow(Duration dedupWindow, Duration lateWindow) {
        if (dedupWindow.compareTo(lateWindow) < 0) {
            throw new IllegalStateException("meterline.ingest.dedup-window (" + dedupWindow
                    + ") must be at least meterline.ingest.late-window (" + lateWindow + ").");
        }
    }

    @Scheduled(every = "${meterline.ingest.ledger-maintenance-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (!config.consumerEnabled()) {
            return;
        }
        try {
            Pass pass = maintain(clock.instant());
            if (pass.opened() != null) {
                LOG.infof("Opened dedup ledger epoch %d; forgot %,d identities older than the dedup window",
                        pass.opened(), pass.forgotten());
            }
        } catch (SQLException e) {
            LOG.warnf("Could not look after the dedup ledger's epochs, will retry: %s", e.getMessage());
        }
    }

    /** One pass as of {@code now}: the epoch turned if due, old epochs dropped, filters brought up to date. */
    public Pass maintain(Instant now) throws SQLException {
        return maintain(now, null);
    }

    /** {@link #maintain(Instant)}, with a key limit of {@code keyLimit} bytes, if given, instead of the configured. */
    synchronized Pass maintain(Instant now, Long keyLimit) throws SQLException {
        Integer opened;
        long forgotten;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            keyLimitBytes.set(keyLimit != null ? keyLimit : keyLimit(c));
            opened = turnIfDue(c, now, keyLimitBytes.get());
            currentKeyBytes.set(currentKeyBytes(c));
            forgotten = dropEndedBefore(c, now.minus(config.dedupWindow()));
        }
        registry.counter("meterline.ingest.ledger.pruned").increment(forgotten);
        filters.refresh();
        return new Pass(opened, forgotten);
    }

    private Integer turnIfDue(Connection c, Instant now, long keyLimit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT ledger_open_epoch(?, ? * interval '1 second', ?, ? * interval '1 second')")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setLong(2, config.ledgerEpoch().toSeconds());
            s.setLong(3, keyLimit);
            s.setLong(4, config.ledgerEpochMinimum().toSeconds());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                int epoch = rs.getInt(1);
                return rs.wasNull() ? null : epoch;
            }
        }
    }

    private static long currentKeyBytes(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT ledger_current_key_bytes()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The current epoch's key limit in bytes: configured, or a quarter of PostgreSQL's shared buffers. */
    long keyLimit(Connection c) throws SQLException {
        if (config.ledgerEpochKeyLimit().isPresent()) {
            return config.ledgerEpochKeyLimit().get().asLongValue();
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT pg_size_bytes(current_setting('shared_buffers')) / " + SHARE_OF_BUFFERS)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long dropEndedBefore(Connection c, Instant cutoff) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT ledger_drop_epochs(?)")) {
            s.setTimestamp(1, Timestamp.from(cutoff));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
