package io.meterline.metering.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;

import org.postgresql.PGConnection;

/** The two ways the ingest writer hands PostgreSQL many rows at once: arrays to unnest, and binary COPY. */
final class JdbcArrays {

    private JdbcArrays() {
    }

    static Array text(Connection c, String[] values) throws SQLException {
        return c.createArrayOf("text", values);
    }

    static void copyIn(Connection c, String sql, BinaryCopy rows) throws SQLException {
        try {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new ByteArrayInputStream(rows.finish()));
        } catch (IOException e) {
            throw new SQLException("COPY failed: " + e.getMessage(), e);
        }
    }
}
