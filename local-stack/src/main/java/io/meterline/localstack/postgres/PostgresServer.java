package io.meterline.localstack.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.meterline.localstack.process.ManagedProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;

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

    /**
     * Commits in {@code database} return once they are on disk, as in production: zonky's clusters turn
     * {@code synchronous_commit} off for speed, so a crash of the server loses the last commits it acknowledged.
     * Sessions opened afterwards see it.
     */
    public void makeCommitsDurable(String database) {
        requireIdentifier(database);
        try (Connection c = superuserConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE " + database + " SET synchronous_commit = on");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not make commits in " + database + " durable: " + e.getMessage(),
                    e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /**
     * The server's processes as PostgreSQL itself names them: the postmaster first (from {@code postmaster.pid}), then
     * every backend and background process in {@code pg_stat_activity}. Fault drills signal them. Read from the server,
     * not from {@code /proc}: in CI's sandbox a backend's process was not found there.
     */
    public List<Long> processIds() {
        Path dataDirectory = dataDirectory();
        try (Connection c = superuserConnection(); Statement s = c.createStatement()) {
            List<Long> pids = new ArrayList<>();
            pids.add(Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim()));
            try (ResultSet rs = s.executeQuery("SELECT pid FROM pg_stat_activity WHERE pid IS NOT NULL")) {
                while (rs.next()) {
                    pids.add(rs.getLong(1));
                }
            }
            return List.copyOf(pids);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Could not list the server's processes: " + e.getMessage(), e);
        }
    }

    /** The cluster's data directory, as the server reports it. */
    public Path dataDirectory() {
        try (Connection c = superuserConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW data_directory")) {
            rs.next();
            return Path.of(rs.getString(1));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the data directory: " + e.getMessage(), e);
        }
    }

    /**
     * Starts the server again on {@code dataDirectory} with the command line its postmaster last ran
     * ({@code postmaster.opts}), after a crash drill killed it, and waits until it accepts connections. PostgreSQL
     * recovers from its write-ahead log as after any crash. As zonky does, a root user runs it in a user namespace of
     * its own ({@code unshare -U}), since PostgreSQL refuses to run as root.
     */
    public ManagedProcess startAgain(Path dataDirectory, Path logFile, Duration timeout) throws IOException {
        if (acceptsConnections()) {
            throw new IllegalStateException("The server on port " + port + " is still running");
        }
        // The killed postmaster's lock file stays behind, and its process may linger as a zombie that nobody reaps
        // (in a sandbox whose first process does not), which PostgreSQL would take for a server still running.
        // The same holds for the socket's lock file, in the directory postmaster.pid names on its fifth line.
        Path lockFile = dataDirectory.resolve("postmaster.pid");
        if (Files.exists(lockFile)) {
            List<String> lines = Files.readAllLines(lockFile);
            if (lines.size() >= 5 && !lines.get(4).isBlank()) {
                Files.deleteIfExists(Path.of(lines.get(4).trim(), ".s.PGSQL." + port + ".lock"));
            }
            Files.delete(lockFile);
        }
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        String opts = Files.readString(dataDirectory.resolve("postmaster.opts")).trim();
        command.add(opts.substring(0, opts.indexOf(' ')));
        Matcher quoted = Pattern.compile("\"([^\"]*)\"").matcher(opts);
        while (quoted.find()) {
            command.add(quoted.group(1));
        }
        ManagedProcess started = ManagedProcess.start("postgres", command, Map.of(), dataDirectory, logFile);
        started.awaitReady(this::acceptsConnections, timeout);
        return started;
    }

    private boolean acceptsConnections() {
        try (Connection c = superuserConnection()) {
            return c.isValid(1);
        } catch (SQLException e) {
            return false;
        }
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
