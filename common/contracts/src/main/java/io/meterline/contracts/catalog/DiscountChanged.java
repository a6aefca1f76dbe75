package io.meterline.contracts.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.meterline.rating.Discount;

/**
 * A discount's state after a change. {@code scope} is PLAN (with {@code planId}), CHARGE (with {@code planId} and
 * {@code chargeKey}) or CLIENT (with {@code client}); {@code archived} marks its withdrawal. Schema version 1.
 */
public record DiscountChanged(int schemaVersion, UUID id, int revision, String name, String type, BigDecimal value,
        String currency, String scope, UUID planId, String chargeKey, String client, Instant validFrom,
        Instant validUntil, boolean archived) {

    public static final int SCHEMA_VERSION = 1;

    /** The engine's discount, with its validity window, named as an invoice line shows it. */
    public Discount toDiscount() {
        return new Discount(Discount.Type.valueOf(type), value, validFrom, validUntil, name);
    }
}
