package io.meterline.metering.ingest;

import static io.meterline.metering.ingest.JdbcArrays.copyIn;
import static io.meterline.metering.ingest.JdbcArrays.text;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.meterline.metering.ingest.BatchPlan.Identity;
import io.meterline.metering.ingest.BatchPlan.Planned;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The dedup ledger, {@code event_identity}, partitioned by epoch of first sight (V6): an identity is claimed in the
 * current epoch's partition, whose primary key admits it once, after the sealed epochs were checked for it. So the
 * identities a batch claims are exactly its new events, and a redelivered batch finds them claimed and stores nothing.
 *
 * <p>The sealed epochs are checked through their {@link LedgerFilters}: an identity a filter has never seen skips that
 * epoch's index, and nearly every identity is new, so nearly every claim touches only the current partition, which is
 * small and in memory however full the window is. A sealed epoch without a filter here yet is probed for every
 * identity: slower, never wrong.
 *
 * <p>The partitions are keyed by a 128-bit hash of the identity ({@link LedgerKey}, V9), half the size of the
 * identity itself and cheaper to insert into; the identity stays in the row, so a key held by another identity is
 * told from a duplicate and the identity claimed in {@link LedgerCollisions}.
 */
@ApplicationScoped
class IdentityLedger {

    /** What a claim came to: the new events (in batch order), and how many others disagree with their first sighting. */
    record Claim(List<Planned> fresh, int conflicting) {
    }

    /** The epochs a claim works with, read under the ledger lock: claims go into {@code current}. */
    record Epochs(int current, int[] sealed) {
    }

    private static final String EPOCHS = "SELECT epoch, sealed FROM ledger_epochs_for_claim()";

    /**
     * The rows of these keys in one epoch, read from its partition by name. A sealed-epoch lookup is a UNION ALL of
     * these: a join through the partitioned table opens every partition's index for each batch (0.9 against 0.3 ms a
     * query for five of 18 epochs, in psql). Its text varies with the epochs asked, so it is planned each time; the
     * ingest benchmark's probe step was the same either way (docs/benchmarks.md, "Fourteen runs at 100 million").
     */
    private static final String IN_EPOCH =
            "SELECT e.key, e.scope, e.event_id, e.fingerprint FROM event_identity_e%d e WHERE e.key = ANY(?::uuid[])";

    private static final String COPY_IDENTITIES =
            "COPY event_identity_e%d (key, epoch, fingerprint, scope, event_id) FROM STDIN (FORMAT binary)";

    private static final String CLAIM = """
            INSERT INTO event_identity_e%d (key, epoch, fingerprint, scope, event_id)
            SELECT u.key, %1$d, u.fingerprint, u.scope, u.event_id
            FROM unnest(?::uuid[], ?::bigint[], ?::text[], ?::text[]) AS u(key, fingerprint, scope, event_id)
            ORDER BY u.key
            ON CONFLICT DO NOTHING
            RETURNING scope, event_id""";

    private static final String UNIQUE_VIOLATION = "23505";

    /** PostgreSQL's uuid order (bytes, unsigned), so that a COPY walks the key's pages in order. */
    private static final Comparator<Keyed> KEY_ORDER = (a, b) -> {
        int high = Long.compareUnsigned(a.key().getMostSignificantBits(), b.key().getMostSignificantBits());
        return high != 0 ? high
                : Long.compareUnsigned(a.key().getLeastSignificantBits(), b.key().getLeastSignificantBits());
    };

    @Inject
    LedgerFilters filters;

    @Inject
    LedgerCollisions collisions;

    @Inject
    LedgerKey keys;

    private final Counter checked;
    private final Counter probed;
    private final Counter foundSealed;
    private final Timer epochsRead;
    private final Timer filtersAsked;
    private final Timer sealedProbed;
    private final Timer currentClaimed;

    @Inject
    IdentityLedger(MeterRegistry registry) {
        checked = registry.counter("meterline.ingest.ledger.checks");
        probed = registry.counter("meterline.ingest.ledger.probes");
        foundSealed = registry.counter("meterline.ingest.ledger.found.sealed");
        // The claim's time profile, by step: meterline.ingest.ledger.{epochs,filters,probe,current}.
        epochsRead = registry.timer("meterline.ingest.ledger.epochs");
        filtersAsked = registry.timer("meterline.ingest.ledger.filters");
        sealedProbed = registry.timer("meterline.ingest.ledger.probe");
        currentClaimed = registry.timer("meterline.ingest.ledger.current");
    }

    /**
     * Claims the events' identities, trying the cheapest way first:
     * <ol>
     * <li>the sealed epochs are asked about the identities their filters may hold (one query);</li>
     * <li>the rest are COPYed into the current epoch: nearly every batch holds only new identities, and a plain
     * insert costs half of an {@code ON CONFLICT} one;</li>
     * <li>if its key refuses one (a retry or redelivery), that step alone is rolled back, the current epoch is asked
     * which are there already, and the rest are COPYed in;</li>
     * <li>if that is refused too (another writer claimed one in between, as when Kafka moves partitions between
     * consumers), {@code INSERT ... ON CONFLICT DO NOTHING} settles it row by row.</li>
     * </ol>
     * The key is a hash of the identity ({@link LedgerKey}), and every row found is compared by its full identity:
     * an identity whose key another one holds is not a duplicate, and is claimed in {@link LedgerCollisions}.
     */
    Claim claim(Connection c, List<Planned> firsts) throws SQLException {
        long started = System.nanoTime();
        Epochs epochs = epochs(c);
        epochsRead.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        List<Keyed> keyed = new ArrayList<>(firsts.size());
        for (Planned p : firsts) {
            keyed.add(new Keyed(p, keys.of(p.scope(), p.event().id())));
        }
        Found found = new Found();
        inSealedEpochs(c, epochs.sealed(), keyed, found);
        collisions.lookUp(c, found.collided(keyed), found);
        List<Keyed> candidates = found.unseen(keyed);
        long claiming = System.nanoTime();
        Set<Identity> claimed = claimInCurrent(c, epochs.current(), candidates, found);
        currentClaimed.record(System.nanoTime() - claiming, TimeUnit.NANOSECONDS);
        List<Planned> fresh = new ArrayList<>(claimed.size());
        int conflicting = 0;
        for (Planned p : firsts) {
            if (claimed.contains(p.identity())) {
                fresh.add(p);
                continue;
            }
            Long first = found.fingerprints.get(p.identity());
            if (first != null && first != BatchPlan.fingerprint(p.event())) {
                conflicting++;
            }
        }
        return new Claim(fresh, conflicting);
    }

    /** Takes the ledger lock for this transaction (shared with other writers) and reads the epochs. */
    static Epochs epochs(Connection c) throws SQLException {
        int current = -1;
        List<Integer> sealed = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(EPOCHS); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                if (rs.getBoolean(2)) {
                    sealed.add(rs.getInt(1));
                } else {
                    current = rs.getInt(1);
                }
            }
        }
        if (current < 0) {
            throw new SQLException("The dedup ledger has no current epoch (ledger_epoch); migration V6 opens one.");
        }
        return new Epochs(current, sealed.stream().mapToInt(Integer::intValue).toArray());
    }

    /** An identity to claim, with its ledger key. */
    record Keyed(Planned planned, UUID key) {

        Identity identity() {
            return planned.identity();
        }
    }

    /**
     * What the ledger holds of a batch's identities so far: the fingerprint of each one found, and the keys found,
     * whoever holds them. An identity not found whose key was found has collided with another identity.
     */
    static final class Found {

        final Map<Identity, Long> fingerprints = new HashMap<>();
        private final Set<UUID> keys = new HashSet<>();

        /** Reads rows of (key, scope, event_id, fingerprint); returns the keys they hold. */
        Set<UUID> read(PreparedStatement s) throws SQLException {
            Set<UUID> here = new HashSet<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    UUID key = rs.getObject(1, UUID.class);
                    if (key != null) { // null for rows of LedgerCollisions, found by full identity
                        here.add(key);
                    }
                    fingerprints.put(new Identity(rs.getString(2), rs.getString(3)), rs.getLong(4));
                }
            }
            keys.addAll(here);
            return here;
        }

        boolean has(Keyed k) {
            return fingerprints.containsKey(k.identity());
        }

        List<Keyed> unseen(List<Keyed> events) {
            return fingerprints.isEmpty() ? events : events.stream().filter(k -> !has(k)).toList();
        }

        /** The identities not found whose key another identity holds. */
        List<Keyed> collided(List<Keyed> events) {
            return keys.isEmpty() ? List.of() : events.stream().filter(k -> !has(k) && keys.contains(k.key())).toList();
        }
    }

    /** The (epoch, key) pairs a claim must look up in sealed epochs: where a filter says "maybe", or is missing. */
    private record Probes(Map<Integer, List<UUID>> byEpoch) {

        Probes() {
            this(new TreeMap<>());
        }

        void add(int epoch, Keyed k) {
            byEpoch.computeIfAbsent(epoch, e -> new ArrayList<>()).add(k.key());
        }

        int size() {
            return byEpoch.values().stream().mapToInt(List::size).sum();
        }

        /** One statement over the epochs asked: a branch each, reading that epoch's partition. */
        String sql() {
            StringJoiner union = new StringJoiner(" UNION ALL ");
            byEpoch.keySet().forEach(epoch -> union.add(IN_EPOCH.formatted(epoch)));
            return union.toString();
        }
    }

    private void inSealedEpochs(Connection c, int[] sealed, List<Keyed> firsts, Found found) throws SQLException {
        if (sealed.length == 0 || firsts.isEmpty()) {
            return;
        }
        long asking = System.nanoTime();
        Probes probes = askFilters(sealed, firsts);
        checked.increment((double) sealed.length * firsts.size());
        long probing = System.nanoTime();
        filtersAsked.record(probing - asking, TimeUnit.NANOSECONDS);
        if (probes.byEpoch().isEmpty()) {
            return;
        }
        probed.increment(probes.size());
        // The epochs cannot be dropped under this claim: epochs(c) took the ledger lock for the transaction.
        try (PreparedStatement s = c.prepareStatement(probes.sql())) {
            int parameter = 1;
            for (List<UUID> keys : probes.byEpoch().values()) {
                s.setArray(parameter++, c.createArrayOf("uuid", keys.toArray()));
            }
            int before = found.fingerprints.size();
            found.read(s);
            foundSealed.increment(found.fingerprints.size() - before);
        }
        sealedProbed.record(System.nanoTime() - probing, TimeUnit.NANOSECONDS);
    }

    private Probes askFilters(int[] sealed, List<Keyed> firsts) {
        long[] hashes = new long[firsts.size()];
        for (int i = 0; i < hashes.length; i++) {
            Planned p = firsts.get(i).planned();
            hashes[i] = IdentityFilter.hash(p.scope(), p.event().id());
        }
        // An identity's bit pattern depends on the number of hash functions only: worked out once per number.
        Map<Integer, long[][]> patterns = new HashMap<>();
        Probes probes = new Probes();
        for (int epoch : sealed) {
            IdentityFilter filter = filters.of(epoch);
            if (filter == null) {
                firsts.forEach(k -> probes.add(epoch, k));
                continue;
            }
            long[][] pattern = patterns.computeIfAbsent(filter.hashes(), k -> {
                long[][] each = new long[hashes.length][];
                for (int i = 0; i < hashes.length; i++) {
                    each[i] = filter.pattern(hashes[i]);
                }
                return each;
            });
            for (int i = 0; i < hashes.length; i++) {
                if (filter.mightContain(hashes[i], pattern[i])) {
                    probes.add(epoch, firsts.get(i));
                }
            }
        }
        return probes;
    }

    /** Claims the candidates in the current epoch; returns the identities claimed (so: new). */
    private Set<Identity> claimInCurrent(Connection c, int epoch, List<Keyed> candidates, Found found)
            throws SQLException {
        Set<Identity> claimed = new HashSet<>();
        if (candidates.isEmpty() || copyIdentities(c, epoch, candidates)) {
            candidates.forEach(k -> claimed.add(k.identity()));
            return claimed;
        }
        Set<UUID> taken = inCurrentEpoch(c, epoch, candidates, found);
        collisions.lookUp(c, found.collided(candidates), found);
        List<Keyed> rest = found.unseen(candidates);
        List<Keyed> open = new ArrayList<>();
        List<Keyed> collided = new ArrayList<>();
        for (Keyed k : rest) {
            (taken.contains(k.key()) ? collided : open).add(k);
        }
        if (!open.isEmpty() && copyIdentities(c, epoch, open)) {
            open.forEach(k -> claimed.add(k.identity()));
        } else if (!open.isEmpty()) {
            claimed.addAll(insertOrSkip(c, epoch, open));
            List<Keyed> skipped = open.stream().filter(k -> !claimed.contains(k.identity())).toList();
            if (!skipped.isEmpty()) {
                // The other writer's claims are committed now (ON CONFLICT waited for them): read what they said.
                Set<UUID> takenMeanwhile = inCurrentEpoch(c, epoch, skipped, found);
                collisions.lookUp(c, found.collided(skipped), found);
                found.unseen(skipped).stream().filter(k -> takenMeanwhile.contains(k.key())).forEach(collided::add);
            }
        }
        claimed.addAll(collisions.claim(c, epoch, collided, found));
        return claimed;
    }

    /**
     * Inserts each identity its key admits, in key order (as the COPY, so two writers wait for each other rather than
     * deadlock); returns those inserted, by identity: of two in the batch with one key, only the first is.
     */
    private static Set<Identity> insertOrSkip(Connection c, int epoch, List<Keyed> events) throws SQLException {
        Set<Identity> claimed = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement(String.format(CLAIM, epoch))) {
            int n = events.size();
            UUID[] keys = new UUID[n];
            Long[] prints = new Long[n];
            String[] scopes = new String[n];
            String[] ids = new String[n];
            for (int i = 0; i < n; i++) {
                Keyed k = events.get(i);
                keys[i] = k.key();
                prints[i] = BatchPlan.fingerprint(k.planned().event());
                scopes[i] = k.planned().scope();
                ids[i] = k.planned().event().id();
            }
            s.setArray(1, c.createArrayOf("uuid", keys));
            s.setArray(2, c.createArrayOf("bigint", prints));
            s.setArray(3, text(c, scopes));
            s.setArray(4, text(c, ids));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    claimed.add(new Identity(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return claimed;
    }

    /** Looks the identities up in the current epoch by key; returns the keys found there, whoever holds them. */
    private static Set<UUID> inCurrentEpoch(Connection c, int epoch, List<Keyed> events, Found found)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(IN_EPOCH.formatted(epoch))) {
            s.setArray(1, c.createArrayOf("uuid", events.stream().map(Keyed::key).toArray()));
            return found.read(s);
        }
    }

    /** COPYs the identities into the epoch; false, with nothing written, if the key holds any of them already. */
    private static boolean copyIdentities(Connection c, int epoch, List<Keyed> events) throws SQLException {
        // In key order, each insert walks down the ledger's index next to where the previous one did: fewer cache misses.
        List<Keyed> inKeyOrder = new ArrayList<>(events);
        inKeyOrder.sort(KEY_ORDER);
        BinaryCopy rows = new BinaryCopy(events.size() * 72);
        for (Keyed k : inKeyOrder) {
            Planned p = k.planned();
            rows.startRow(5).uuid(k.key()).integer(epoch).bigint(BatchPlan.fingerprint(p.event())).text(p.scope())
                    .text(p.event().id());
        }
        Savepoint beforeCopy = c.setSavepoint();
        try {
            copyIn(c, String.format(COPY_IDENTITIES, epoch), rows);
            c.releaseSavepoint(beforeCopy);
            return true;
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            c.rollback(beforeCopy);
            return false;
        }
    }
}
