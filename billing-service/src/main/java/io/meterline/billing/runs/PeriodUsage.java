package io.meterline.billing.runs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.meterline.billing.buckets.Bucket;
import io.meterline.billing.clients.Client;
import io.meterline.billing.usage.TotalsRequest;
import io.meterline.billing.usage.UsageReader;
import io.meterline.billing.usage.UsageTotal;
import io.meterline.rating.periods.BillingPeriod;

/**
 * Reads from metering the usage some clients' periods are billed from, for one window: the meters of their buckets
 * and plans, each bound bucket's assets as a group, and, for aggregations that cannot be summed, the totals over every
 * dimension set at once. Blocking (metering over REST): call it off the event loop.
 */
@ApplicationScoped
public class PeriodUsage {

    @Inject
    UsageReader usage;

    /** The window's totals by customer: per dimension set, and over every dimension set for {@code wholeMeters}. */
    record Read(Map<String, List<UsageTotal>> rows, Map<String, List<UsageTotal>> wholeRows) {
    }

    /** {@code from} is the start of each client's period; {@code to} its end, or earlier for a preview. */
    Read read(ClientChunk chunk, PeriodInputsBuilder builder, Instant from, Instant to, List<UUID> ids) {
        Set<String> meters = new LinkedHashSet<>();
        Set<String> wholeMeters = new LinkedHashSet<>();
        List<String> customers = new ArrayList<>();
        List<TotalsRequest.AssetGroup> groups = new ArrayList<>();
        for (UUID id : ids) {
            Client client = chunk.clients.get(id);
            BillingPeriod period = client.periods().containing(from).orElseThrow();
            meters.addAll(builder.meters(client, period));
            wholeMeters.addAll(builder.wholeMeters(client, period));
            customers.add(client.externalId);
            for (Bucket bucket : chunk.bucketsIn(id, period)) {
                List<String> assets = chunk.assets.get(bucket.id);
                if (assets != null) {
                    groups.add(new TotalsRequest.AssetGroup(bucket.meter, bucket.id.toString(), assets));
                }
            }
        }
        Map<String, List<UsageTotal>> rows = usage.read(from, to, List.copyOf(meters), customers, groups, true);
        Map<String, List<UsageTotal>> whole = wholeMeters.isEmpty() ? Map.of()
                : usage.read(from, to, List.copyOf(wholeMeters), customers, groups, false);
        return new Read(rows, whole);
    }
}
