package io.meterline.billing.invoices;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An invoice as the API shows it. Amounts are strings with the currency's minor digits. */
@Schema(name = "Invoice")
public record InvoiceView(UUID id, @Schema(examples = "USD-2026-000123") String number,
        @Schema(description = "Billing's client id.") UUID client,
        @Schema(examples = "acme") String clientExternalId, Instant periodStart, Instant periodEnd,
        @Schema(examples = "USD") String currency,
        @Schema(enumeration = { "FINALIZED", "PAID", "VOID" }) String status,
        @Schema(type = SchemaType.STRING, examples = "336.00") BigDecimal total,
        @Schema(type = SchemaType.STRING, description = "Credit carried to the next invoice.", examples = "0.00")
        BigDecimal creditCarried,
        Instant issuedAt, Instant dueAt, Instant paidAt, Instant voidedAt, String voidReason, Stripe stripe,
        List<Line> lines) {

    @Schema(name = "InvoiceLine")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(@Schema(enumeration = { "BASE", "OVERAGE", "CHARGE", "MINIMUM", "DISCOUNT", "ADJUSTMENT",
            "CREDIT" }) String kind,
            @Schema(examples = "Production cluster: 80 vcpu-hour above the commit") String description,
            @Schema(type = SchemaType.STRING, examples = "80") BigDecimal quantity,
            @Schema(type = SchemaType.STRING, examples = "0.45") BigDecimal unitPrice,
            @Schema(type = SchemaType.STRING, examples = "36.00") BigDecimal amount,
            UUID bucket, String chargeKey, Map<String, String> dimensions,
            @Schema(description = "For an ADJUSTMENT: the start of the period it corrects.") Instant period) {
    }

    @Schema(name = "InvoiceStripeSync")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Stripe(@Schema(enumeration = { "PENDING", "SYNCED", "FAILED" }) String status, String invoiceId,
            String error) {
    }
}
