package io.meterline.metering.ingest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import io.meterline.metering.meters.Meter;

/**
 * One consumed batch worked out in memory before it touches the database: each identity's first occurrence (later
 * ones in the same batch are duplicates), and, for the events the ledger then finds new, their hourly rollups, the
 * distinct values UNIQUE_COUNT meters need, and the assets they name. Doing this here rather than in SQL keeps the
 * database to plain inserts and one upsert per group. Pure: no database, no clock.
 */
final class BatchPlan {

    /** An event's identity: its id within its customer, or within its asset when it has no customer. */
    record Identity(String scope, String id) {

        /** Mixed, not the record's default 31·a + b: sequential ids and customers collide on that. */
        @Override
        public int hashCode() {
            int h = scope.hashCode() * 0x9E3779B9 + id.hashCode();
            return h ^ (h >>> 16);
        }
    }

    /** An event as it will be stored. */
    record Planned(RawUsageEvent event, String scope, String dimsKey, String uniqueValue) {

        Identity identity() {
            return new Identity(scope, event.id());
        }
    }

    /** The key of one hourly rollup row; customer and asset are "" when absent, as in the table's key. */
    record RollupKey(String meter, long hourEpochSecond, String customerKey, String assetKey, String dimsKey)
            implements Comparable<RollupKey> {

        private static final Comparator<RollupKey> ORDER = Comparator.comparing(RollupKey::meter)
                .thenComparingLong(RollupKey::hourEpochSecond).thenComparing(RollupKey::customerKey)
                .thenComparing(RollupKey::assetKey).thenComparing(RollupKey::dimsKey);

        @Override
        public int compareTo(RollupKey other) {
            return ORDER.compare(this, other);
        }

        @Override
        public int hashCode() {
            int h = ((meter.hashCode() * 0x9E3779B9 + Long.hashCode(hourEpochSecond)) * 0x9E3779B9
                    + customerKey.hashCode()) * 0x9E3779B9 + assetKey.hashCode();
            h = h * 0x9E3779B9 + dimsKey.hashCode();
            return h ^ (h >>> 16);
        }
    }

    /** What one rollup row gains from this batch. */
    static final class Rollup {
        String customer;
        String asset;
        long count;
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal min;
        BigDecimal max;
        Instant latestTime;
        String latestEventId;
        BigDecimal latestValue;

        void add(RawUsageEvent e) {
            count++;
            sum = sum.add(e.value());
            min = min == null || e.value().compareTo(min) < 0 ? e.value() : min;
            max = max == null || e.value().compareTo(max) > 0 ? e.value() : max;
            if (latestTime == null || isLater(e.timestamp(), e.id(), latestTime, latestEventId)) {
                latestTime = e.timestamp();
                latestEventId = e.id();
                latestValue = e.value();
            }
        }
    }

    /** A distinct value of a UNIQUE_COUNT meter's dimension within one rollup row. */
    record UniqueValue(RollupKey key, String value) implements Comparable<UniqueValue> {
        @Override
        public int compareTo(UniqueValue other) {
            int c = key.compareTo(other.key);
            return c != 0 ? c : value.compareTo(other.value);
        }
    }

    /** An asset as this batch saw it. */
    static final class AssetSighting {
        String source;
        Instant firstSeen;
        Instant lastSeen;

        void add(RawUsageEvent e) {
            if (e.source() != null && (source == null || e.source().compareTo(source) < 0)) {
                source = e.source();
            }
            firstSeen = firstSeen == null || e.timestamp().isBefore(firstSeen) ? e.timestamp() : firstSeen;
            lastSeen = lastSeen == null || e.timestamp().isAfter(lastSeen) ? e.timestamp() : lastSeen;
        }
    }

    private final List<Planned> firsts;
    private final int received;
    private final int conflictingInBatch;

    BatchPlan(List<RawUsageEvent> events, Function<String, Meter> meters) {
        Map<Identity, Planned> byIdentity = new LinkedHashMap<>(events.size() * 2);
        int conflicting = 0;
        for (RawUsageEvent e : events) {
            Identity identity = new Identity(e.identityScope(), e.id());
            Planned first = byIdentity.get(identity);
            if (first != null) {
                if (!sameFacts(first.event(), e)) {
                    conflicting++;
                }
                continue;
            }
            Map<String, String> dims = e.dimensions() == null ? Map.of() : e.dimensions();
            Meter meter = meters.apply(e.meter());
            String unique = meter != null && meter.uniqueBy() != null ? dims.get(meter.uniqueBy()) : null;
            byIdentity.put(identity, new Planned(e, identity.scope(), CanonicalDimensions.json(dims), unique));
        }
        this.firsts = List.copyOf(byIdentity.values());
        this.received = events.size();
        this.conflictingInBatch = conflicting;
    }

    /** Each identity's first event in the batch, in batch order. */
    List<Planned> firsts() {
        return firsts;
    }

    int received() {
        return received;
    }

    /** Duplicates within the batch that disagree with the first on value or timestamp. */
    int conflictingInBatch() {
        return conflictingInBatch;
    }

    /** Two sightings of one identity agree when value and timestamp are the same (1.0 and 1 are the same value). */
    static boolean sameFacts(RawUsageEvent a, RawUsageEvent b) {
        return a.timestamp().equals(b.timestamp()) && a.value().compareTo(b.value()) == 0;
    }

    /**
     * A 64-bit digest of what {@link #sameFacts} compares, kept in the ledger so that a later duplicate that
     * disagrees with the first sighting can be counted. Equal facts give equal fingerprints; a collision would only
     * leave one disagreeing duplicate uncounted in the metric (dedup itself compares identities, not fingerprints).
     */
    static long fingerprint(RawUsageEvent e) {
        BigDecimal value = e.value().signum() == 0 ? BigDecimal.ZERO : e.value().stripTrailingZeros();
        long h = e.timestamp().getEpochSecond() * 0x9E3779B97F4A7C15L + e.timestamp().getNano();
        h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + value.unscaledValue().hashCode() * 31L + value.scale();
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }

    static TreeMap<RollupKey, Rollup> rollups(Collection<Planned> fresh) {
        Map<RollupKey, Rollup> rollups = new HashMap<>();
        for (Planned p : fresh) {
            RawUsageEvent e = p.event();
            Rollup rollup = rollups.computeIfAbsent(key(p), k -> new Rollup());
            if (rollup.count == 0) {
                rollup.customer = e.customer();
                rollup.asset = e.asset();
            }
            rollup.add(e);
        }
        return new TreeMap<>(rollups); // a fixed order, so concurrent writers lock rows in the same order
    }

    static TreeSet<UniqueValue> uniqueValues(Collection<Planned> fresh) {
        TreeSet<UniqueValue> values = new TreeSet<>();
        for (Planned p : fresh) {
            if (p.uniqueValue() != null) {
                values.add(new UniqueValue(key(p), p.uniqueValue()));
            }
        }
        return values;
    }

    static TreeMap<String, AssetSighting> assets(Collection<Planned> fresh) {
        TreeMap<String, AssetSighting> assets = new TreeMap<>();
        for (Planned p : fresh) {
            if (p.event().asset() != null) {
                assets.computeIfAbsent(p.event().asset(), a -> new AssetSighting()).add(p.event());
            }
        }
        return assets;
    }

    static RollupKey key(Planned p) {
        RawUsageEvent e = p.event();
        long hour = Math.floorDiv(e.timestamp().getEpochSecond(), 3600) * 3600;
        return new RollupKey(e.meter(), hour, Objects.requireNonNullElse(e.customer(), ""),
                Objects.requireNonNullElse(e.asset(), ""), p.dimsKey());
    }

    /**
     * LATEST's order: the later timestamp wins, and on a tie the greater id in code-point order, which is what
     * PostgreSQL's {@code COLLATE "C"} compares (UTF-8 bytes), so the rollups and the raw events agree.
     */
    static boolean isLater(Instant time, String id, Instant thanTime, String thanId) {
        int c = time.compareTo(thanTime);
        return c > 0 || c == 0 && compareCodePoints(id, thanId) > 0;
    }

    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
