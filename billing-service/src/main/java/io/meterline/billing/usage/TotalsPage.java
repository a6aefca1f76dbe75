package io.meterline.billing.usage;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A page of metering's totals. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TotalsPage(List<UsageTotal> items, int page, int size, long total) {
}
