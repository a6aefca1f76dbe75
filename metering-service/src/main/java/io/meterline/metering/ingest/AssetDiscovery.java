package io.meterline.metering.ingest;

import static io.meterline.metering.ingest.JdbcArrays.text;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.meterline.contracts.Topics;
import io.meterline.contracts.assets.AssetChanged;
import io.meterline.metering.ingest.BatchPlan.AssetSighting;
import io.meterline.platform.outbox.Announcement;
import io.meterline.platform.outbox.Outbox;
import io.meterline.platform.time.UtcInstants;

/**
 * The assets events name, {@code asset}: each sighting widens its first and last seen; an asset seen for the first
 * time is announced on {@code meterline.metering.assets} through the outbox, in the batch's transaction.
 */
@ApplicationScoped
class AssetDiscovery {

    private static final String SIGHTINGS = """
            INSERT INTO asset AS a (id, source, first_seen, last_seen)
            SELECT * FROM unnest(?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[])
            ON CONFLICT (id) DO UPDATE SET last_seen = greatest(a.last_seen, excluded.last_seen),
                first_seen = least(a.first_seen, excluded.first_seen),
                source = coalesce(a.source, excluded.source)
            RETURNING id, source, client, first_seen, last_seen, (xmax = 0) AS inserted""";

    @Inject
    Outbox outbox;

    /** Records the assets seen and announces new ones; returns each asset's client (null when unassigned). */
    Map<String, String> record(Connection c, TreeMap<String, AssetSighting> assets, List<String> added)
            throws SQLException {
        if (assets.isEmpty()) {
            return Map.of();
        }
        int n = assets.size();
        String[][] columns = new String[4][n];
        int i = 0;
        for (Map.Entry<String, AssetSighting> e : assets.entrySet()) {
            columns[0][i] = e.getKey();
            columns[1][i] = e.getValue().source;
            columns[2][i] = UtcInstants.format(e.getValue().firstSeen);
            columns[3][i] = UtcInstants.format(e.getValue().lastSeen);
            i++;
        }
        Map<String, String> clients = new HashMap<>();
        List<Announcement> discovered = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(SIGHTINGS)) {
            for (int col = 0; col < 4; col++) {
                s.setArray(col + 1, text(c, columns[col]));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    clients.put(id, rs.getString(3));
                    if (rs.getBoolean(6)) {
                        added.add(id);
                        discovered.add(discovered(id, rs));
                    }
                }
            }
        }
        outbox.addAll(c, discovered);
        return clients;
    }

    /** A new asset as the asset API would announce it: unassigned, unacknowledged, enabled. */
    private static Announcement discovered(String id, ResultSet rs) throws SQLException {
        AssetChanged event = new AssetChanged(AssetChanged.SCHEMA_VERSION, id, null, null, rs.getString(2), null,
                false, true, false, rs.getObject(4, OffsetDateTime.class).toInstant(),
                rs.getObject(5, OffsetDateTime.class).toInstant(), "discovered");
        return new Announcement(Topics.METERING_ASSETS, id, AssetChanged.TYPE, id, event);
    }
}
