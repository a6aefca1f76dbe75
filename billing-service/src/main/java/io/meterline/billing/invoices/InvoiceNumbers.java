package io.meterline.billing.invoices;

import java.time.Instant;
import java.time.ZoneOffset;

import jakarta.persistence.LockModeType;

import io.meterline.platform.db.NativeStatements;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Gap-free invoice numbers per currency and UTC year, such as {@code USD-2026-000123}. The counter row is locked in
 * the invoice's own transaction, so a rolled-back invoice gives its number back and none is skipped.
 */
public final class InvoiceNumbers {

    private InvoiceNumbers() {
    }

    public static Uni<String> next(String currency, Instant issuedAt) {
        int year = issuedAt.atOffset(ZoneOffset.UTC).getYear();
        // The year's first invoice makes its counter; concurrent first invoices must not both try.
        return Panache.getSession().chain(session -> NativeStatements.update(session, "INSERT INTO invoice_sequence "
                + "(currency, year, last) VALUES (?1, ?2, 0) ON CONFLICT DO NOTHING", currency, year))
                .chain(() -> InvoiceSequence.<InvoiceSequence> findById(new InvoiceSequence.Key(currency, year),
                        LockModeType.PESSIMISTIC_WRITE))
                .map(counter -> {
                    counter.last++;
                    return String.format("%s-%d-%06d", currency, year, counter.last);
                });
    }
}
