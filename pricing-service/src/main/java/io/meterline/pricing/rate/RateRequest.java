package io.meterline.pricing.rate;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.meterline.contracts.catalog.PriceSpec;

/** A quote on an inline price. A stable contract: tools outside the project rely on it. */
@Schema(name = "RateRequest")
public record RateRequest(
        @Schema(required = true, description = "ISO 4217 code", examples = "USD") String currency,
        @Schema(required = true, type = SchemaType.STRING, description = "A decimal, as a string or a number",
                examples = "1500") BigDecimal quantity,
        @Schema(required = true) PriceSpec price,
        List<InlineDiscount> discounts,
        @Schema(type = SchemaType.STRING, description = "0 < f ≤ 1; prorates the fixed parts. Default 1.",
                examples = "1") BigDecimal periodFraction,
        @Schema(description = "The instant that decides which discounts are in effect. Default: now.",
                examples = "2026-11-20T10:00:00Z") Instant at) {
}
