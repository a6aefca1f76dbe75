package io.meterline.projection.analytics;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Margin rows for a range, by one grouping, with one overall row per currency (no conversion between currencies). */
@Schema(name = "MarginReport")
public record MarginReport(List<MarginRow> items,
        @Schema(description = "The totals: one row when every figure is in one currency, else a list with one row "
                + "per currency.") Object overall) {
}
