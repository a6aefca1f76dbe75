package io.meterline.contracts.catalog;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * A unit type's state after a change (revision increases with each change; {@code deleted} marks its removal). The
 * bucket template fields drive billing's nightly auto-provisioning. Schema version 1.
 */
public record UnitTypeChanged(int schemaVersion, UUID id, int revision, String name, String description, String meter,
        String aggregation, boolean autoProvision, String currency, BigDecimal commitUnits, BigDecimal basePrice,
        BigDecimal overageRate, String filterOn, String filterPattern, boolean deleted) {

    public static final int SCHEMA_VERSION = 1;
}
