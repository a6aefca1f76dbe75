package io.meterline.billing.readings;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.meterline.billing.clients.Client;
import io.meterline.platform.paging.Page;
import io.meterline.platform.paging.PageRequest;
import io.meterline.platform.paging.PanachePages;
import io.meterline.platform.paging.SortOrder;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

/** Billing readings, by client, bucket and period. */
@ApplicationScoped
public class ReadingService {

    /** The columns the readings screen sorts by, as the API names them (margin is computed, so it does not sort). */
    public static final Set<String> SORTABLE = Set.of("periodStart", "periodEnd", "client", "meter", "sourceType",
            "chargeKey", "currency", "usage", "commitUnits", "overageUnits", "overageAmount", "bufferUnits",
            "bufferAmount", "baseAmount", "billedAmount", "cost", "uncostedUsage", "finalized");
    /** Newest period first, then by client and meter, as the list always was. */
    public static final String DEFAULT_SORT = "-periodStart,client,meter";
    /** The sortable fields whose entity property has another name. */
    static final Map<String, String> PROPERTIES = Map.of("client", "clientId");

    @WithSession
    public Uni<Page<ReadingView>> list(UUID client, UUID bucket, Instant periodStart, SortOrder order,
            PageRequest page) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (client != null) {
            where.append(" and clientId = :client");
            params.and("client", client);
        }
        if (bucket != null) {
            where.append(" and bucketId = :bucket");
            params.and("bucket", bucket);
        }
        if (periodStart != null) {
            where.append(" and periodStart = :periodStart");
            params.and("periodStart", periodStart);
        }
        return PanachePages.readAll(BillingReading.<BillingReading> find(where.toString(),
                order.toPanache(PROPERTIES, "id"), params), page, this::views);
    }

    private Uni<List<ReadingView>> views(List<BillingReading> readings) {
        if (readings.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Client.<Client> list("id in ?1", readings.stream().map(r -> r.clientId).distinct().toList())
                .map(clients -> {
                    Map<UUID, String> externalIds = clients.stream()
                            .collect(Collectors.toMap(c -> c.id, c -> c.externalId));
                    return readings.stream().map(r -> new ReadingView(r.id, r.bucketId, r.chargeKey, r.clientId,
                            externalIds.get(r.clientId), r.invoiceId, r.unitTypeId, r.sourceType, r.meter,
                            StoredDimensions.read(r.dimensions), r.periodStart, r.periodEnd, r.currency, r.usage, r.commitUnits,
                            r.overageUnits, r.overageAmount, r.bufferUnits, r.bufferAmount, r.baseAmount,
                            r.billedAmount, r.cost, r.uncostedUsage, r.billedAmount.subtract(r.cost), r.finalized))
                            .toList();
                });
    }

}
