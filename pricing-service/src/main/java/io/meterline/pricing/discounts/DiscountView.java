package io.meterline.pricing.discounts;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.meterline.contracts.catalog.DiscountChanged;
import io.meterline.rating.Discount;

/** A stored discount. */
@Schema(name = "Discount")
public record DiscountView(UUID id, String name, @Schema(enumeration = { "PERCENT", "AMOUNT" }) String type,
        @Schema(type = SchemaType.STRING, examples = "10") BigDecimal value, String currency,
        @Schema(enumeration = { "PLAN", "CHARGE", "CLIENT" }) String scope, UUID planId, String chargeKey,
        String client, Instant validFrom, Instant validUntil, int revision, boolean archived,
        OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    public Discount toDiscount() {
        return toEvent().toDiscount();
    }

    public DiscountChanged toEvent() {
        return new DiscountChanged(DiscountChanged.SCHEMA_VERSION, id, revision, name, type, value, currency, scope,
                planId, chargeKey, client, validFrom, validUntil, archived);
    }
}
