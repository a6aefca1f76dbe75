package io.meterline.metering.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Looks after the dedup ledger's epochs (V6): seals the current epoch once it is {@code meterline.ingest.ledger-epoch}
 * old and opens the next; drops whole the sealed epochs that ended before the dedup window began; and brings this
 * replica's {@link LedgerFilters} up to date. So an identity is remembered for at least the dedup window and at most
 * one epoch longer, and pruning is dropping a table, not deleting rows. Any replica may do it; the ledger lock and the
 * SQL functions make two doing it at once harmless.
 */
@ApplicationScoped
public class LedgerEpochs {

    private static final Logger LOG = Logger.getLogger(LedgerEpochs.class);

    /** What one pass did: the epoch it opened (null if none was due), and how many identities it forgot. */
    public record Pass(Integer opened, long forgotten) {
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    IngestConfig config;

    @Inject
    LedgerFilters filters;

    @Inject
    MeterRegistry registry;

    @Inject
    Clock clock;

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
    public synchronized Pass maintain(Instant now) throws SQLException {
        Integer opened;
        long forgotten;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            opened = turnIfDue(c, now);
            forgotten = dropEndedBefore(c, now.minus(config.dedupWindow()));
        }
        registry.counter("meterline.ingest.ledger.pruned").increment(forgotten);
        filters.refresh();
        return new Pass(opened, forgotten);
    }

    private Integer turnIfDue(Connection c, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT ledger_open_epoch(?, ? * interval '1 second')")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setLong(2, config.ledgerEpoch().toSeconds());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                int epoch = rs.getInt(1);
                return rs.wasNull() ? null : epoch;
            }
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
