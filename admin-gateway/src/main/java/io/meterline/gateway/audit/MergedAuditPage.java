package io.meterline.gateway.audit;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of every service's audit log merged, newest first. */
@Schema(name = "MergedAuditPage")
public record MergedAuditPage(
        @Schema(description = "The entries on this page.") List<MergedAuditEntry> items,
        @Schema(description = "The page number, from 0.", examples = "0") int page,
        @Schema(description = "The page size asked for.", examples = "50") int size,
        @Schema(description = "Entries on all pages, over the services that answered.", examples = "1234") long total,
        @Schema(description = "Services whose log could not be read: the page holds the others'.",
                examples = "[\"projection\"]") List<String> unavailable) {
}
