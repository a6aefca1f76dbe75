package io.meterline.billing.readings;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A billing reading as the API shows it. */
@Schema(name = "BillingReading")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReadingView(UUID id, @Schema(description = "The bucket, for a bucket's reading.") UUID bucket,
        @Schema(description = "The plan charge, for a charge's reading.") String chargeKey,
        @Schema(description = "Billing's client id.") UUID client, String clientExternalId, UUID invoice,
        UUID unitType, String sourceType, String meter, Map<String, String> dimensions, Instant periodStart,
        Instant periodEnd, String currency,
        @Schema(type = SchemaType.STRING, examples = "800") BigDecimal usage,
        @Schema(type = SchemaType.STRING, examples = "720") BigDecimal commitUnits,
        @Schema(type = SchemaType.STRING, examples = "80") BigDecimal overageUnits,
        @Schema(type = SchemaType.STRING, examples = "36.00") BigDecimal overageAmount,
        @Schema(type = SchemaType.STRING, examples = "0") BigDecimal bufferUnits,
        @Schema(type = SchemaType.STRING, examples = "0.00") BigDecimal bufferAmount,
        @Schema(type = SchemaType.STRING, examples = "300.00") BigDecimal baseAmount,
        @Schema(type = SchemaType.STRING, examples = "336.00") BigDecimal billedAmount,
        @Schema(type = SchemaType.STRING, description = "The metered cost, from the cost rates in effect.",
                examples = "112.40") BigDecimal cost,
        @Schema(type = SchemaType.STRING, description = "Usage no cost rate in the client's currency prices.")
        BigDecimal uncostedUsage,
        @Schema(type = SchemaType.STRING, examples = "223.60") BigDecimal margin, boolean finalized) {
}
