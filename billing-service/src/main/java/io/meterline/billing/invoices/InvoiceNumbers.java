package io.meterline.billing.invoices;

import java.time.Instant;
import java.time.ZoneOffset;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Gap-free invoice numbers per currency and UTC year, such as {@code USD-2026-000123}. The counter row is taken in
 * the invoice's own transaction, so a rolled-back invoice gives its number back and none is skipped.
 */
public final class InvoiceNumbers {

    private InvoiceNumbers() {
    }

    public static Uni<String> next(String currency, Instant issuedAt) {
        int year = issuedAt.atOffset(ZoneOffset.UTC).getYear();
        return Panache.getSession().chain(session -> session.<Long> createNativeQuery(
                "INSERT INTO invoice_sequence (currency, year, last) VALUES (?1, ?2, 1) ON CONFLICT (currency, year) "
                        + "DO UPDATE SET last = invoice_sequence.last + 1 RETURNING last", Long.class)
                .setParameter(1, currency).setParameter(2, year).getSingleResult())
                .map(n -> String.format("%s-%d-%06d", currency, year, n));
    }
}
