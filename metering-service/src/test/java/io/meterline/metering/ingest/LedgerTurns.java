package io.meterline.metering.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import io.agroal.api.AgroalDataSource;

/** Turns the ledger's epoch in a test, as the maintenance pass does once the current one is due. */
final class LedgerTurns {

    private LedgerTurns() {
    }

    /** Runs the pass that seals the current epoch: one epoch after it started. Returns when it was sealed. */
    static Instant sealCurrent(LedgerEpochs epochs, AgroalDataSource dataSource, IngestConfig config)
            throws SQLException {
        Instant due = currentEpochStart(dataSource).plus(config.ledgerEpoch());
        assertThat(epochs.maintain(due).opened()).isNotNull();
        return due;
    }

    static Instant currentEpochStart(AgroalDataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT started_at FROM ledger_epoch WHERE sealed_at IS NULL"); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getTimestamp(1).toInstant();
        }
    }
}
