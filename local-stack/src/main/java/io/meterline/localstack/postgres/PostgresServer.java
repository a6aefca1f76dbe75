package io.meterline.localstack.postgres;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server from zonky's binaries: no Docker, no system install. Each service gets its own database
 * and the role {@value #USER}, as in production where each service owns its database.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "meterline";
    public static final String PASSWORD = "meterline";

    private final EmbeddedPostgres postgres;
    private final int port;

    private PostgresServer(EmbeddedPostgres postgres, int port) {
        this.postgres = postgres;
        this.port = port;
    }

    /**
     * A handle on a server this JVM started earlier, possibly from another class loader (Quarkus restarts tests in
     * fresh ones). Closing it does not stop the server.
     */
    public static PostgresServer attach(int port) {
        return new PostgresServer(null, port);
    }

    /**
     * Starts a server on {@code port}. With a data directory the cluster survives restarts; without one it lives in a
     * temporary directory that is removed on close.
     */
    public static PostgresServer start(int port, Optional<Path> dataDirectory) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPort(port)
                .setPGStartupWait(java.time.Duration.ofSeconds(60))
                .setServerConfig("max_connections", "300")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("shared_buffers", "256MB");
        // zonky turns durability off for speed, which suits throwaway test clusters; data kept across restarts
        // gets PostgreSQL's normal guarantees back.
        dataDirectory.ifPresent(dir -> builder.setDataDirectory(dir).setCleanDataDirectory(false)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                // Room for the dedup ledger's index to stay in memory as it grows (a quarter of RAM is the usual
                // advice; this is far less on any development machine).
                .setServerConfig("shared_buffers", "1GB")
                // Checkpoints by time rather than every 1 GB of WAL: each one makes the next write of every page log
                // the whole page again, which at ingest rates was a quarter of all WAL written.
                .setServerConfig("max_wal_size", "4GB")
                .setServerConfig("checkpoint_timeout", "15min"));
        EmbeddedPostgres started = builder.start();
        PostgresServer server = new PostgresServer(started, started.getPort());
        server.ensureRole();
        return server;
    }

    public int port() {
        return port;
    }

    /** Creates {@code database}, owned by {@value #USER}, unless it exists. */
    public void ensureDatabase(String database) {
        requireIdentifier(database);
        try (Connection c = superuserConnection();
             PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + database + " OWNER " + USER);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database + ": " + e.getMessage(), e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://127.0.0.1:" + port() + "/" + database;
    }

    private void ensureRole() {
        try (Connection c = superuserConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + USER + "'")) {
            if (!rs.next()) {
                s.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the role " + USER + ": " + e.getMessage(), e);
        }
    }

    private Connection superuserConnection() throws SQLException {
        // zonky's clusters trust local connections of their superuser, postgres.
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
    }

    private static void requireIdentifier(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("Not a plain database name: " + name);
        }
    }

    @Override
    public void close() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }
}
