package io.meterline.metering.ingest;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.meterline.metering.ingest.BatchPlan.Planned;

/** The raw events, {@code meter_event}: COPYed into monthly partitions, made as the months arrive. */
@ApplicationScoped
class RawEventStore {

    private static final String COPY_EVENTS = "COPY meter_event (scope, event_id, event_time, meter, customer, asset, "
            + "source, value, dims_key, ingested_at, batch_id) FROM STDIN (FORMAT binary)";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    IngestConfig config;

    /** The partition that holds a month's raw events. */
    static String partition(YearMonth month) {
        return String.format("meter_event_y%04dm%02d", month.getYear(), month.getMonthValue());
    }

    /** The months whose partition this replica knows exists. */
    private final Set<YearMonth> partitions = ConcurrentHashMap.newKeySet();

    /** COPYs the batch's new events in, each stamped with the batch. */
    void copy(Connection c, List<Planned> fresh, UUID batch) throws SQLException {
        BinaryCopy rows = new BinaryCopy(fresh.size() * 160);
        Instant now = Instant.now();
        for (Planned p : fresh) {
            RawUsageEvent e = p.event();
            rows.startRow(11).text(p.scope()).text(e.id()).timestamp(e.timestamp()).text(e.meter()).text(e.customer())
                    .text(e.asset()).text(e.source()).numeric(e.value()).text(p.dimsKey())
                    .timestamp(e.ingestedAt() != null ? e.ingestedAt() : now).uuid(batch);
        }
        JdbcArrays.copyIn(c, COPY_EVENTS, rows);
    }

    /**
     * Makes the monthly partitions these events need, before the batch's transaction (in autocommit, so the DDL holds
     * no lock for the batch's length) so that no event lands in the default partition.
     */
    void ensurePartitions(Collection<Planned> events) throws SQLException {
        Set<YearMonth> months = new TreeSet<>();
        // A month older than the late window is asked for every time: only a backfill reaches it, and RawRetention
        // may have dropped it since this replica made it.
        YearMonth late = YearMonth.from(Instant.now().minus(config.lateWindow()).atOffset(ZoneOffset.UTC));
        for (Planned p : events) {
            YearMonth month = YearMonth.from(p.event().timestamp().atOffset(ZoneOffset.UTC));
            if (!partitions.contains(month) || month.isBefore(late)) {
                months.add(month);
            }
        }
        if (months.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            for (YearMonth month : months) {
                String name = partition(month);
                try {
                    s.execute("CREATE TABLE IF NOT EXISTS " + name + " PARTITION OF meter_event FOR VALUES FROM ('"
                            + month.atDay(1) + "') TO ('" + month.plusMonths(1).atDay(1) + "')");
                } catch (SQLException e) {
                    // Another replica made it at the same moment: then it exists, which is all we need.
                    if (!"42P07".equals(e.getSQLState())) {
                        throw e;
                    }
                }
                partitions.add(month);
            }
        }
    }
}
