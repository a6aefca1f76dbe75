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

    private static final String IN_SEALED = """
            SELECT e.scope, e.event_id, e.fingerprint
            FROM unnest(?::int[], ?::text[], ?::text[]) AS u(epoch, scope, event_id)
            JOIN event_identity e ON e.epoch = u.epoch
                                 AND e.scope = u.scope COLLATE "C" AND e.event_id = u.event_id COLLATE "C\"""";

    private static final String IN_CURRENT = """
            SELECT e.scope, e.event_id, e.fingerprint FROM unnest(?::text[], ?::text[]) AS u(scope, event_id)
            JOIN event_identity_e%d e ON e.scope = u.scope COLLATE "C" AND e.event_id = u.event_id COLLATE "C\"""";

    private static final String COPY_IDENTITIES =
            "COPY event_identity_e%d (epoch, scope, event_id, fingerprint) FROM STDIN (FORMAT binary)";

    private static final String CLAIM = """
            INSERT INTO event_identity_e%d (epoch, scope, event_id, fingerprint)
            SELECT %1$d, * FROM unnest(?::text[], ?::text[], ?::bigint[])
            ON CONFLICT DO NOTHING
            RETURNING scope, event_id""";

    private static final String UNIQUE_VIOLATION = "23505";

    private static final Comparator<Planned> LEDGER_ORDER = Comparator.comparing(Planned::scope)
            .thenComparing(p -> p.event().id());

    @Inject
    LedgerFilters filters;

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
     */
    Claim claim(Connection c, List<Planned> firsts) throws SQLException {
        long started = System.nanoTime();
        Epochs epochs = epochs(c);
        epochsRead.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        Map<Identity, Long> seen = new HashMap<>();
        inSealedEpochs(c, epochs.sealed(), firsts, seen);
        List<Planned> candidates = unseen(firsts, seen);
        long claiming = System.nanoTime();
        List<Planned> fresh = claimInCurrent(c, epochs.current(), candidates, seen);
        currentClaimed.record(System.nanoTime() - claiming, TimeUnit.NANOSECONDS);
        int conflicting = 0;
        for (Planned p : BatchPlan.without(firsts, fresh)) {
            Long first = seen.get(p.identity());
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

    /** The (epoch, identity) pairs a claim must look up in sealed epochs: where a filter says "maybe", or is missing. */
    private record Probes(List<Integer> epochs, List<String> scopes, List<String> ids) {

        Probes() {
            this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }

        void add(int epoch, Planned p) {
            epochs.add(epoch);
            scopes.add(p.scope());
            ids.add(p.event().id());
        }
    }

    private void inSealedEpochs(Connection c, int[] sealed, List<Planned> firsts, Map<Identity, Long> seen)
            throws SQLException {
        if (sealed.length == 0 || firsts.isEmpty()) {
            return;
        }
        long asking = System.nanoTime();
        Probes probes = askFilters(sealed, firsts);
        checked.increment((double) sealed.length * firsts.size());
        long probing = System.nanoTime();
        filtersAsked.record(probing - asking, TimeUnit.NANOSECONDS);
        if (probes.epochs().isEmpty()) {
            return;
        }
        probed.increment(probes.epochs().size());
        try (PreparedStatement s = c.prepareStatement(IN_SEALED)) {
            s.setArray(1, c.createArrayOf("integer", probes.epochs().toArray()));
            s.setArray(2, text(c, probes.scopes().toArray(String[]::new)));
            s.setArray(3, text(c, probes.ids().toArray(String[]::new)));
            int before = seen.size();
            read(s, seen);
            foundSealed.increment(seen.size() - before);
        }
        sealedProbed.record(System.nanoTime() - probing, TimeUnit.NANOSECONDS);
    }

    private Probes askFilters(int[] sealed, List<Planned> firsts) {
        long[] hashes = new long[firsts.size()];
        for (int i = 0; i < hashes.length; i++) {
            Planned p = firsts.get(i);
            hashes[i] = IdentityFilter.hash(p.scope(), p.event().id());
        }
        // An identity's bit pattern depends on the number of hash functions only: worked out once per number.
        Map<Integer, long[][]> patterns = new HashMap<>();
        Probes probes = new Probes();
        for (int epoch : sealed) {
            IdentityFilter filter = filters.of(epoch);
            if (filter == null) {
                firsts.forEach(p -> probes.add(epoch, p));
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

    private static List<Planned> claimInCurrent(Connection c, int epoch, List<Planned> candidates,
            Map<Identity, Long> seen) throws SQLException {
        if (candidates.isEmpty() || copyIdentities(c, epoch, candidates)) {
            return candidates;
        }
        inCurrentEpoch(c, epoch, candidates, seen);
        List<Planned> rest = unseen(candidates, seen);
        if (rest.isEmpty() || copyIdentities(c, epoch, rest)) {
            return rest;
        }
        Set<Identity> claimed = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement(String.format(CLAIM, epoch))) {
            bindIdentities(c, s, rest, true);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    claimed.add(new Identity(rs.getString(1), rs.getString(2)));
                }
            }
        }
        List<Planned> fresh = rest.stream().filter(p -> claimed.contains(p.identity())).toList();
        if (fresh.size() < rest.size()) {
            // The other writer's claims are committed now (ON CONFLICT waited for them): read what they said.
            inCurrentEpoch(c, epoch, BatchPlan.without(rest, fresh), seen);
        }
        return fresh;
    }

    private static void inCurrentEpoch(Connection c, int epoch, List<Planned> events, Map<Identity, Long> seen)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(String.format(IN_CURRENT, epoch))) {
            bindIdentities(c, s, events, false);
            read(s, seen);
        }
    }

    private static void read(PreparedStatement s, Map<Identity, Long> seen) throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                seen.put(new Identity(rs.getString(1), rs.getString(2)), rs.getLong(3));
            }
        }
    }

    private static List<Planned> unseen(List<Planned> events, Map<Identity, Long> seen) {
        return seen.isEmpty() ? events : events.stream().filter(p -> !seen.containsKey(p.identity())).toList();
    }

    /** COPYs the identities into the epoch; false, with nothing written, if any of them is there already. */
    private static boolean copyIdentities(Connection c, int epoch, List<Planned> events) throws SQLException {
        // In key order, each insert walks down the ledger's index next to where the previous one did: fewer cache misses.
        List<Planned> inKeyOrder = new ArrayList<>(events);
        inKeyOrder.sort(LEDGER_ORDER);
        BinaryCopy rows = new BinaryCopy(events.size() * 52);
        for (Planned p : inKeyOrder) {
            rows.startRow(4).integer(epoch).text(p.scope()).text(p.event().id()).bigint(BatchPlan.fingerprint(p.event()));
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

    /** Binds the events' scopes and ids, and if asked also their fingerprints, as arrays. */
    private static void bindIdentities(Connection c, PreparedStatement s, List<Planned> events, boolean fingerprints)
            throws SQLException {
        int n = events.size();
        String[] scopes = new String[n];
        String[] ids = new String[n];
        Long[] prints = new Long[n];
        for (int i = 0; i < n; i++) {
            Planned p = events.get(i);
            scopes[i] = p.scope();
            ids[i] = p.event().id();
            prints[i] = BatchPlan.fingerprint(p.event());
        }
        s.setArray(1, text(c, scopes));
        s.setArray(2, text(c, ids));
        if (fingerprints) {
            s.setArray(3, c.createArrayOf("bigint", prints));
        }
    }
}
