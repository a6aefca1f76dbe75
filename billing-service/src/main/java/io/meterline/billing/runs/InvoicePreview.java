package io.meterline.billing.runs;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.meterline.billing.invoices.InvoiceView;
import io.meterline.rating.invoicing.Overlap;
import io.meterline.rating.invoicing.Reading;

/** The open period's invoice as it stands: rated now, never stored. */
@Schema(name = "InvoicePreview")
public record InvoicePreview(UUID client, String clientExternalId, Instant periodStart, Instant periodEnd,
        @Schema(description = "Usage is counted up to this instant, the last whole hour.") Instant usageThrough,
        String currency, @Schema(type = SchemaType.STRING, examples = "336.00") BigDecimal total,
        List<InvoiceView.Line> lines, List<Reading> readings,
        @Schema(description = "Plan charges on meters a bucket also counts: billed by the bucket alone unless the "
                + "subscription bills both.") List<Overlap> overlaps) {
}
