package io.meterline.billing.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.meterline.billing.BillingDatabase;
import io.meterline.billing.BillingTest;
import io.meterline.billing.CatalogFeed;
import io.meterline.contracts.Topics;
import io.meterline.contracts.catalog.CatalogEvents;
import io.meterline.contracts.catalog.UnitTypeChanged;
import io.meterline.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@BillingTest
class CatalogConsumerTest {

    private static UnitTypeChanged revision(UUID id, String name, int revision, String base) {
        return new UnitTypeChanged(UnitTypeChanged.SCHEMA_VERSION, id, revision, name, null, "vcpu_hours", "SUM",
                false, "USD", BigDecimal.TEN, new BigDecimal(base), BigDecimal.ONE, null, null, false);
    }

    private static String basePrice(UUID id) {
        return String.valueOf(BillingDatabase.count("SELECT coalesce((SELECT base_price::bigint FROM unit_type WHERE id = ?), -1)", id));
    }

    @Test
    void aNewerRevisionReplacesAnOlderOneButNeverTheOtherWayRound() {
        UUID id = UUID.randomUUID();
        String name = "unit-" + id;
        CatalogFeed.publish(revision(id, name, 2, "200"));
        CatalogFeed.awaitUnitType(name);
        CatalogFeed.publish(revision(id, name, 1, "100")); // late and older: ignored
        CatalogFeed.publish(revision(id, name, 3, "300"));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> basePrice(id).equals("300"));
        assertThat(BillingDatabase.count("SELECT revision FROM unit_type WHERE id = ?", id)).isEqualTo(3);
    }

    @Test
    void anEventDeliveredTwiceIsAppliedOnce() {
        UUID id = UUID.randomUUID();
        UnitTypeChanged event = revision(id, "twice-" + id, 1, "100");
        String eventId = UUID.randomUUID().toString();
        CatalogFeed.publishWithId(CatalogEvents.unitTypeKey(id), CatalogEvents.UNIT_TYPE_CHANGED, event, eventId);
        CatalogFeed.publishWithId(CatalogEvents.unitTypeKey(id), CatalogEvents.UNIT_TYPE_CHANGED, event, eventId);
        // The same key, so the same partition: once revision 2 is in, both deliveries before it were handled.
        CatalogFeed.publish(revision(id, "twice-" + id, 2, "200"));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> basePrice(id).equals("200"));
        assertThat(BillingDatabase.count("SELECT count(*) FROM processed_event WHERE consumer = 'billing-catalog' "
                + "AND event_id = ?", eventId)).isEqualTo(1);
    }

    @Test
    void anUnreadableEventGoesToTheDeadLetterTopicAndTheRestFlows() {
        String key = "unit-type/" + UUID.randomUUID();
        CatalogFeed.publishRaw(key, CatalogEvents.UNIT_TYPE_CHANGED, "{\"id\":\"not-a-uuid\"");
        String name = "after-" + UUID.randomUUID();
        CatalogFeed.publish(revision(UUID.randomUUID(), name, 1, "1"));
        CatalogFeed.awaitUnitType(name);
        assertThat(TopicReader.await(Topics.PRICING_CATALOG + ".billing-dlq", m -> m.key().equals(key),
                Duration.ofSeconds(20))).hasSize(1);
    }
}
