package io.meterline.metering.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import io.meterline.metering.MeteringTest;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Migration V9 on a ledger that holds identities: the migrations up to V8 in a schema of their own, a ledger of two
 * epochs (one sealed) and an epoch whose partition is missing, then V9. Every identity is moved with the key the
 * service computes, each partition is keyed by it, and the ledger still turns epochs.
 */
@QuarkusTest
@MeteringTest
class LedgerMigrationTest {

    private static final String SCHEMA = "ledger_v9_upgrade";

    @Test
    void anExistingLedgerIsMovedWholeToTheHashedKey() throws SQLException {
        Config config = ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
        String user = config.getValue("quarkus.datasource.username", String.class);
        String password = config.getValue("quarkus.datasource.password", String.class);
        Flyway.configure().dataSource(url, user, password).schemas(SCHEMA).cleanDisabled(false).load().clean();
        Flyway.configure().dataSource(url, user, password).schemas(SCHEMA).target("8").load().migrate();
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("SET search_path TO " + SCHEMA);
            s.execute("INSERT INTO event_identity (epoch, scope, event_id, fingerprint) "
                    + "SELECT 1, 'c:acme-' || (g % 7), 'old-' || g, g FROM generate_series(1, 5000) g");
            s.execute("SELECT ledger_open_epoch(now(), NULL)");
            s.execute("INSERT INTO event_identity (epoch, scope, event_id, fingerprint) "
                    + "SELECT 2, 'a:gpü-' || (g % 3), 'new-' || g, -g FROM generate_series(1, 300) g");
            s.execute("INSERT INTO ledger_epoch (epoch, started_at, sealed_at) VALUES (0, now() - interval '30 days', "
                    + "now() - interval '20 days')"); // no partition: the migration makes one
        }

        Flyway.configure().dataSource(url, user, password).schemas(SCHEMA).load().migrate();

        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("SET search_path TO " + SCHEMA);
            assertThat(longOf(s, "SELECT count(*) FROM event_identity WHERE epoch = 1")).isEqualTo(5000);
            assertThat(longOf(s, "SELECT count(*) FROM event_identity WHERE epoch = 2")).isEqualTo(300);
            assertThat(longOf(s, "SELECT count(*) FROM event_identity_collision")).isZero();
            assertThat(longOf(s, "SELECT sum(fingerprint) FROM event_identity")).isEqualTo(5000L * 5001 / 2 - 300L * 301 / 2);
            try (ResultSet rs = s.executeQuery("SELECT key, scope, event_id FROM event_identity")) {
                while (rs.next()) {
                    assertThat(rs.getObject(1, UUID.class)).as(rs.getString(2) + "/" + rs.getString(3))
                            .isEqualTo(LedgerKey.hash(rs.getString(2), rs.getString(3)));
                }
            }
            // Each partition, the one made for the epoch that had none too, is keyed by the hash alone.
            assertThat(longOf(s, "SELECT count(*) FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid "
                    + "JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = '" + SCHEMA + "' "
                    + "AND t.relname IN ('event_identity_e0', 'event_identity_e1', 'event_identity_e2') "
                    + "AND i.indisprimary AND i.indnatts = 1")).isEqualTo(3);
            // The ledger turns: the new epoch's partition is made keyed, and claims into it are refused twice.
            int opened = (int) longOf(s, "SELECT ledger_open_epoch(now(), NULL)");
            s.execute("INSERT INTO event_identity_e" + opened + " (key, epoch, fingerprint, scope, event_id) "
                    + "VALUES (ledger_key('c:acme-1', 'x'), " + opened + ", 1, 'c:acme-1', 'x')");
            assertThat(longOf(s, "WITH again AS (INSERT INTO event_identity_e" + opened
                    + " (key, epoch, fingerprint, scope, event_id) VALUES (ledger_key('c:acme-1', 'x'), " + opened
                    + ", 1, 'c:acme-1', 'x') ON CONFLICT DO NOTHING RETURNING 1) SELECT count(*) FROM again")).isZero();
        } finally {
            Flyway.configure().dataSource(url, user, password).schemas(SCHEMA).cleanDisabled(false).load().clean();
            try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            }
        }
    }

    private static long longOf(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
