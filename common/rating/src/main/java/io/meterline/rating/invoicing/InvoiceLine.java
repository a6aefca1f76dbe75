package io.meterline.rating.invoicing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One line of an invoice. {@code amount} has the currency's minor digits; DISCOUNT lines are negative, ADJUSTMENT
 * lines either sign. An ADJUSTMENT names the period it corrects.
 */
public record InvoiceLine(Kind kind, String description, BigDecimal quantity, BigDecimal unitPrice, BigDecimal amount,
        UUID bucketId, String chargeKey, Map<String, String> dimensions, Instant correctsPeriod) {

    public enum Kind {
        BASE, OVERAGE, CHARGE, MINIMUM, DISCOUNT, ADJUSTMENT, CREDIT
    }

    public static InvoiceLine of(Kind kind, String description, BigDecimal quantity, BigDecimal amount) {
        return new InvoiceLine(kind, description, quantity, null, amount, null, null, null, null);
    }
}
