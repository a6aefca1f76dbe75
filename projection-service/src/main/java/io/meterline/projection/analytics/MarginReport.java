package io.meterline.projection.analytics;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One page of margin rows for a range, by one grouping, and the totals over every row (one per currency: no conversion
 * between currencies).
 */
@Schema(name = "MarginReport")
public record MarginReport(
        @Schema(description = "The rows on this page, by currency, then revenue (highest first).")
        List<MarginRow> items,
        @Schema(description = "The page number, from 0.", examples = "0") int page,
        @Schema(description = "The page size asked for.", examples = "50") int size,
        @Schema(description = "The number of rows on all pages.", examples = "1000") long total,
        @Schema(description = "The totals over all pages: one row when every figure is in one currency, else a list "
                + "with one row per currency.") Object overall) {
}
