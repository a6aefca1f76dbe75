package io.meterline.metering.ingest;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;

/**
 * Drops the monthly partitions of raw events past {@code meterline.ingest.raw-retention}, as RawRetentionPolicy
 * decides: dropping a month is cheap and leaves no dead rows, where deleting its events would rewrite them all.
 * Hand-written DDL over JDBC, as the rest of the raw events' storage (RawEventStore).
 */
@ApplicationScoped
public class RawRetention {

    private static final Logger LOG = Logger.getLogger(RawRetention.class);
    private static final Pattern MONTH = Pattern.compile("meter_event_y(\\d{4})m(\\d{2})");

    @Inject
    AgroalDataSource dataSource;

    @Inject
    IngestConfig config;

    @Inject
    Clock clock;

    @Scheduled(every = "${meterline.ingest.raw-retention-check}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (!config.consumerEnabled() || config.rawRetention().isEmpty()) {
            return;
        }
        try {
            dropExpired(clock.instant(), config.rawRetention().get());
        } catch (SQLException e) {
            LOG.warnf("Could not drop raw-event months past their retention, will retry: %s", e.getMessage());
        }
    }

    /** One pass as of {@code now}: the months dropped (replicas may race; each drop happens once). */
    public synchronized List<YearMonth> dropExpired(Instant now, Duration retention) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            RawRetentionPolicy.Decision decision = RawRetentionPolicy.decide(months(s), now, retention,
                    config.lateWindow(), billing(s));
            if (decision.heldBack() != null) {
                LOG.infof("Raw events kept past their retention until billing has invoiced them: %s",
                        decision.heldBack());
            }
            List<YearMonth> dropped = new ArrayList<>();
            for (YearMonth month : decision.drop()) {
                // Dropping a partition locks meter_event for a moment; never queue behind a long reader, holding up
                // every COPY behind us: give up and try on the next check instead. SET LOCAL, so the bound ends
                // with the transaction and never follows the pooled connection to the ingest writer.
                c.setAutoCommit(false);
                try {
                    s.execute("SET LOCAL lock_timeout = '5s'");
                    s.execute("DROP TABLE IF EXISTS " + RawEventStore.partition(month));
                    c.commit();
                } catch (SQLException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
                dropped.add(month);
                LOG.infof("Dropped the raw events of %s (past meterline.ingest.raw-retention %s)", month, retention);
            }
            return dropped;
        }
    }

    private static List<YearMonth> months(Statement s) throws SQLException {
        List<YearMonth> months = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                + "WHERE i.inhparent = 'meter_event'::regclass")) {
            while (rs.next()) {
                Matcher m = MONTH.matcher(rs.getString(1));
                if (m.matches()) {
                    months.add(YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
                }
            }
        }
        return months;
    }

    private static RawRetentionPolicy.Billing billing(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT count(*), count(*) FILTER (WHERE billed_through IS NULL), "
                + "min(billed_through) FROM billing_client WHERE enabled")) {
            rs.next();
            java.sql.Timestamp earliest = rs.getTimestamp(3);
            return new RawRetentionPolicy.Billing(rs.getInt(1), rs.getInt(2),
                    earliest == null ? null : earliest.toInstant());
        }
    }
}
