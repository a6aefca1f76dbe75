package io.meterline.projection.projections;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.meterline.contracts.billing.BucketChanged;
import io.meterline.contracts.billing.ClientChanged;
import io.meterline.contracts.billing.SubscriptionChanged;
import io.meterline.contracts.catalog.UnitTypeChanged;

/** A client as billing announced it: the client, its buckets and subscriptions, and the unit types they use. */
public record ClientTerms(ClientChanged client, List<BucketChanged> buckets, List<SubscriptionChanged> subscriptions,
        Map<UUID, UnitTypeChanged> unitTypes) {

    public ClientTerms {
        buckets = List.copyOf(buckets);
        subscriptions = List.copyOf(subscriptions);
        unitTypes = Map.copyOf(unitTypes);
    }
}
