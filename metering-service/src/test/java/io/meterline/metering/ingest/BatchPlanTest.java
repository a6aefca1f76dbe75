package io.meterline.metering.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.meterline.metering.ingest.BatchPlan.Planned;
import io.meterline.metering.ingest.BatchPlan.Rollup;
import io.meterline.metering.ingest.BatchPlan.RollupKey;
import io.meterline.metering.meters.Aggregation;
import io.meterline.metering.meters.Meter;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

/** The in-memory part of storing a batch: first occurrences, rollups, distinct values and assets. */
class BatchPlanTest {

    private static final Instant T = Instant.parse("2026-11-20T10:15:00Z");
    private static final Meter USERS = new Meter(UUID.randomUUID(), "users", "Users", null, Aggregation.UNIQUE_COUNT,
            "user", List.of("user", "region"), null, null, null, null, null);
    private static final Meter TOKENS = new Meter(UUID.randomUUID(), "tokens", "Tokens", null, Aggregation.SUM, null,
            List.of("region"), null, null, null, null, null);

    private static RawUsageEvent event(String id, String meter, String customer, String asset, Instant at, String value,
            Map<String, String> dims) {
        return new RawUsageEvent(1, id, meter, customer, asset, "gw", at, new BigDecimal(value), dims, at);
    }

    private static BatchPlan plan(RawUsageEvent... events) {
        return new BatchPlan(List.of(events), name -> name.equals("users") ? USERS : TOKENS);
    }

    @Test
    void keepsTheFirstOfEachIdentityAndCountsDisagreeingDuplicates() {
        BatchPlan plan = plan(
                event("e1", "tokens", "acme", null, T, "10", Map.of()),
                event("e1", "tokens", "acme", null, T, "10.000", Map.of()), // same facts: a plain retry
                event("e1", "tokens", "acme", null, T, "11", Map.of()), // another value
                event("e1", "tokens", "acme", null, T.plusSeconds(1), "10", Map.of()), // another time
                event("e1", "tokens", "globex", null, T, "5", Map.of()), // same id, another customer
                event("e1", "tokens", null, "gw-1", T, "5", Map.of())); // same id, an asset's own
        assertThat(plan.received()).isEqualTo(6);
        assertThat(plan.firsts()).extracting(Planned::scope).containsExactly("c:acme", "c:globex", "a:gw-1");
        assertThat(plan.firsts().get(0).event().value()).isEqualByComparingTo("10");
        assertThat(plan.conflictingInBatch()).isEqualTo(2);
    }

    @Test
    void rollsUpByHourCustomerAssetAndDimensionSet() {
        BatchPlan plan = plan(
                event("a", "tokens", "acme", null, T, "10", Map.of("region", "eu")),
                event("b", "tokens", "acme", null, T.plusSeconds(60), "30", Map.of("region", "eu")),
                event("c", "tokens", "acme", null, T.plusSeconds(60), "20", Map.of("region", "eu")),
                event("d", "tokens", "acme", null, T.plusSeconds(3600), "7", Map.of("region", "eu")),
                event("e", "tokens", "acme", "gw-1", T, "1", Map.of("region", "us")));
        TreeMap<RollupKey, Rollup> rollups = BatchPlan.rollups(plan.firsts());
        assertThat(rollups).hasSize(3);
        Rollup first = rollups.get(new RollupKey("tokens", Instant.parse("2026-11-20T10:00:00Z").getEpochSecond(), "acme",
                "", "{\"region\":\"eu\"}"));
        assertThat(first.count).isEqualTo(3);
        assertThat(first.sum).isEqualByComparingTo("60");
        assertThat(first.min).isEqualByComparingTo("10");
        assertThat(first.max).isEqualByComparingTo("30");
        // LATEST: the later time wins; on a tie, the greater id ("c" over "b").
        assertThat(first.latestEventId).isEqualTo("c");
        assertThat(first.latestValue).isEqualByComparingTo("20");
        assertThat(BatchPlan.assets(plan.firsts())).containsOnlyKeys("gw-1");
    }

    @Test
    void collectsEachDistinctValueOfAUniqueCountMeterOnce() {
        BatchPlan plan = plan(
                event("a", "users", "acme", null, T, "1", Map.of("user", "ann")),
                event("b", "users", "acme", null, T.plusSeconds(5), "1", Map.of("user", "ann")),
                event("c", "users", "acme", null, T.plusSeconds(9), "1", Map.of("user", "bob")));
        assertThat(BatchPlan.uniqueValues(plan.firsts())).extracting(BatchPlan.UniqueValue::value)
                .containsExactly("ann", "bob");
    }

    @Test
    void fingerprintsAgreeExactlyWhenTheFactsDo() {
        RawUsageEvent first = event("a", "tokens", "acme", null, T, "10", Map.of());
        assertThat(BatchPlan.fingerprint(event("a", "tokens", "acme", null, T, "10.000", Map.of())))
                .isEqualTo(BatchPlan.fingerprint(first));
        assertThat(BatchPlan.fingerprint(event("a", "tokens", "acme", null, T, "0.00", Map.of())))
                .isEqualTo(BatchPlan.fingerprint(event("a", "tokens", "acme", null, T, "0", Map.of())));
        assertThat(BatchPlan.fingerprint(event("a", "tokens", "acme", null, T, "10.000000001", Map.of())))
                .isNotEqualTo(BatchPlan.fingerprint(first));
        assertThat(BatchPlan.fingerprint(event("a", "tokens", "acme", null, T.plusNanos(1000), "10", Map.of())))
                .isNotEqualTo(BatchPlan.fingerprint(first));
    }

    /** The order LATEST uses must be PostgreSQL's COLLATE "C": UTF-8 bytes, that is code points. */
    @Property(tries = 2000)
    void comparesIdsByCodePointsAsCollateCDoes(@ForAll @StringLength(max = 6) String a,
            @ForAll @StringLength(max = 6) String b) {
        Assume.that(wellFormed(a) && wellFormed(b)); // an unpaired surrogate has no UTF-8 form
        int expected = Integer.signum(compareUtf8(a, b));
        assertThat(Integer.signum(BatchPlan.compareCodePoints(a, b))).isEqualTo(expected);
    }

    /** Canonical dimension text must equal what Jackson writes for the sorted map, as earlier rows were written. */
    @Property(tries = 2000)
    void canonicalDimensionsMatchJackson(@ForAll Map<@StringLength(max = 5) String, @StringLength(max = 5) String> dims)
            throws Exception {
        assertThat(CanonicalDimensions.json(dims)).isEqualTo(new ObjectMapper().writeValueAsString(new TreeMap<>(dims)));
    }

    private static boolean wellFormed(String s) {
        return s.codePoints().noneMatch(cp -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE);
    }

    private static int compareUtf8(String a, String b) {
        byte[] x = a.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] y = b.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return java.util.Arrays.compareUnsigned(x, y);
    }

    @Test
    void identitiesOfSequentialIdsSpreadOverHashBuckets() {
        List<Integer> buckets = new ArrayList<>();
        for (int i = 0; i < 4096; i++) {
            buckets.add(new BatchPlan.Identity("c:bench-" + (i % 1000), "b" + i).hashCode() & 4095);
        }
        assertThat(buckets.stream().distinct().count()).isGreaterThan(2000);
    }
}
