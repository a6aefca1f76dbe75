package io.meterline.billing.usage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.meterline.billing.BillingConfig;

/** Reads a window's usage from metering, every page of it, by customer. */
@ApplicationScoped
public class UsageReader {

    @Inject
    @RestClient
    MeteringClient metering;

    @Inject
    BillingConfig config;

    /**
     * Every row of the window for these customers and meters (null: every meter), by customer; per dimension set,
     * or over all of them (for aggregations that cannot be summed). Throws when metering does not answer.
     */
    public Map<String, List<UsageTotal>> read(Instant from, Instant to, List<String> meters, List<String> customers,
            List<TotalsRequest.AssetGroup> groups, boolean byDimensions) {
        Map<String, List<UsageTotal>> byCustomer = new HashMap<>();
        if ((meters != null && meters.isEmpty()) || customers.isEmpty()) {
            return byCustomer;
        }
        TotalsRequest request = new TotalsRequest(from, to, meters, customers, groups,
                byDimensions ? null : Boolean.FALSE);
        int size = config.run().usagePageSize();
        for (int page = 0;; page++) {
            TotalsPage result = metering.totals(request, page, size);
            for (UsageTotal row : result.items()) {
                byCustomer.computeIfAbsent(row.customer(), c -> new ArrayList<>()).add(row);
            }
            if ((long) (page + 1) * size >= result.total() || result.items().isEmpty()) {
                return byCustomer;
            }
        }
    }
}
