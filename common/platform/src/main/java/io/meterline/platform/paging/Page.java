package io.meterline.platform.paging;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One page of a list: the items, where the page is, and how many items there are in all. */
@Schema(description = "One page of a list.")
@RegisterForReflection
public record Page<T>(
        @Schema(description = "The items on this page.") List<T> items,
        @Schema(description = "The page number, from 0.", examples = "0") int page,
        @Schema(description = "The page size asked for.", examples = "50") int size,
        @Schema(description = "The number of items on all pages.", examples = "123") long total) {
}
