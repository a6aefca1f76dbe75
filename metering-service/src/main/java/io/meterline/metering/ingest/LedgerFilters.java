package io.meterline.metering.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * This replica's {@link IdentityFilter}s, one per sealed ledger epoch. A sealed epoch is never written again, so its
 * filter, once built, stays right: the first replica to need it builds it from the epoch's partition and stores it in
 * {@code ledger_epoch.filter}; every other replica, and this one after a restart, loads it from there.
 */
@ApplicationScoped
class LedgerFilters {

    private static final Logger LOG = Logger.getLogger(LedgerFilters.class);

    private static final String SEALED = "SELECT epoch, filter IS NOT NULL FROM ledger_epoch WHERE sealed_at IS NOT NULL";

    private static final String UNDEFINED_TABLE = "42P01";

    private final Map<Integer, IdentityFilter> filters = new ConcurrentHashMap<>();

    @Inject
    AgroalDataSource dataSource;

    @Inject
    IngestConfig config;

    @Inject
    LedgerFilters(MeterRegistry registry) {
        Gauge.builder("meterline.ingest.ledger.filter.bytes", filters,
                f -> f.values().stream().mapToLong(IdentityFilter::sizeBytes).sum()).register(registry);
    }

    /** The sealed epoch's filter, or null while this replica has none (then the epoch is probed for everything). */
    IdentityFilter of(int epoch) {
        return filters.get(epoch);
    }

    /** Loads or builds the filter of every sealed epoch this replica lacks, and forgets those of dropped epochs. */
    void refresh() throws SQLException {
        Map<Integer, Boolean> sealed = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(SEALED)) {
            while (rs.next()) {
                sealed.put(rs.getInt(1), rs.getBoolean(2));
            }
        }
        filters.keySet().retainAll(sealed.keySet());
        for (Map.Entry<Integer, Boolean> epoch : sealed.entrySet()) {
            if (!filters.containsKey(epoch.getKey())) {
                IdentityFilter filter = epoch.getValue() ? load(epoch.getKey()) : build(epoch.getKey());
                if (filter != null) {
                    filters.put(epoch.getKey(), filter);
                }
            }
        }
    }

    /** Drops every filter held here, as a restart does; the next {@link #refresh()} loads them again. */
    void forgetAll() {
        filters.clear();
    }

    private IdentityFilter load(int epoch) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT filter FROM ledger_epoch WHERE epoch = ?")) {
            s.setInt(1, epoch);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBytes(1) != null ? IdentityFilter.fromBytes(rs.getBytes(1)) : null;
            }
        }
    }

    /**
     * Reads the sealed epoch's identities into a new filter and stores it, unless another replica was first; null if
     * the epoch was dropped meanwhile.
     */
    private IdentityFilter build(int epoch) throws SQLException {
        long started = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            return build(c, epoch, started);
        } catch (SQLException e) {
            if (UNDEFINED_TABLE.equals(e.getSQLState())) {
                return null;
            }
            throw e;
        }
    }

    /** The epoch's identities: its partition's, and those claimed by full identity after a key collision (V9). */
    private static String identitiesOf(int epoch) {
        return "SELECT scope, event_id FROM event_identity_e" + epoch
                + " UNION ALL SELECT scope, event_id FROM event_identity_collision WHERE epoch = " + epoch;
    }

    private IdentityFilter build(Connection c, int epoch, long started) throws SQLException {
        c.setAutoCommit(false); // so the driver streams the rows in fetches instead of holding them all
        long identities;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM (" + identitiesOf(epoch) + ") i")) {
            rs.next();
            identities = rs.getLong(1);
        }
        IdentityFilter filter = IdentityFilter.sized(identities, config.ledgerFilterFalsePositiveRate());
        try (Statement s = c.createStatement()) {
            s.setFetchSize(50_000);
            try (ResultSet rs = s.executeQuery(identitiesOf(epoch))) {
                while (rs.next()) {
                    filter.add(IdentityFilter.hash(rs.getString(1), rs.getString(2)));
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE ledger_epoch SET filter = ?, identities = ? WHERE epoch = ? AND filter IS NULL")) {
            s.setBytes(1, filter.toBytes());
            s.setLong(2, identities);
            s.setInt(3, epoch);
            s.executeUpdate();
        }
        c.commit();
        LOG.infof("Built the dedup filter of ledger epoch %d: %,d identities, %,d KB, in %.1f s", epoch,
                identities, filter.sizeBytes() >> 10, (System.nanoTime() - started) / 1e9);
        return filter;
    }
}
