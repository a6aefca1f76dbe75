package io.meterline.rating.invoicing;

import java.math.BigDecimal;
import java.util.List;

/**
 * A client's period, billed: the readings, the invoice lines (summing to {@code total}, never below zero) and the
 * credit carried to the next invoice when the lines came to less than zero.
 */
public record PeriodBill(List<Reading> readings, List<InvoiceLine> lines, BigDecimal total,
        BigDecimal creditCarriedForward) {

    public PeriodBill {
        readings = List.copyOf(readings);
        lines = List.copyOf(lines);
    }

    public BigDecimal revenue() {
        return readings.stream().map(Reading::billedAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public BigDecimal cost() {
        return readings.stream().map(Reading::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
