package io.meterline.localstack.demo;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;

import io.meterline.localstack.demo.DemoClient.Profile;

/**
 * Every usage series of the demo, and each event's value as plain integer arithmetic of the series, the day and the
 * slot, so that every load sends the same numbers. A series is sized so that a month of it comes to its commit
 * times a ratio (in thousandths) that the client's profile sets: above 1000 over commit, below it under.
 */
final class UsagePlan {

    /** Three events a day (UTC hours) for metered activity, one for a storage snapshot. */
    static final int[] ACTIVITY_HOURS = { 2, 10, 18 };
    static final int[] SNAPSHOT_HOURS = { 6 };
    /** Quiet nights, a busy working day, a lighter evening: they average 1000. */
    private static final int[] ACTIVITY_FACTORS = { 820, 1130, 1050 };
    /** The days in an average month (30.4375), and the activity slots in it (91.3125), in ten-thousandths. */
    private static final long DAYS_PER_MONTH = 304_375;
    private static final long SLOTS_PER_MONTH = 913_125;

    /**
     * One stream of events: a meter for a customer (or a customer-less asset), from {@code from} on.
     *
     * @param base the value of one event at ratio 1000, in units of the last of {@code scale} decimals
     * @param weekly weekdays busier than weekends (activity), or flat (storage kept)
     */
    record Series(String key, String meter, String customer, String asset, String source,
            Map<String, String> dimensions, Instant from, int[] hours, boolean weekly, long base, int scale,
            IntUnaryOperator ratio, long seed) {

        /** The value of the event at slot {@code slot} of day {@code day} (0: the first day of the history). */
        BigDecimal value(int day, DayOfWeek weekday, int slot) {
            long v = base * ratio.applyAsInt(day) / 1000;
            if (weekly) {
                boolean weekend = weekday == DayOfWeek.SATURDAY || weekday == DayOfWeek.SUNDAY;
                v = v * (weekend ? 775 : 1090) / 1000; // over a week: 1000
            }
            if (hours.length == ACTIVITY_FACTORS.length) {
                v = v * ACTIVITY_FACTORS[slot] / 1000;
            }
            v = v * (920 + noise(seed * 1_000_003L + day * 8L + slot)) / 1000;
            return BigDecimal.valueOf(Math.max(1, v), scale);
        }
    }

    private final DemoCalendar calendar;
    private final int stepDay;

    UsagePlan(DemoCalendar calendar) {
        this.calendar = calendar;
        // A new overage: a client's usage jumps a week before the current month starts.
        this.stepDay = (int) ChronoUnit.DAYS.between(calendar.firstDay(), calendar.month().atDay(1)) - 7;
    }

    List<Series> series() {
        List<Series> all = new ArrayList<>();
        List<DemoClient> clients = DemoClient.ALL;
        for (int i = 0; i < clients.size(); i++) {
            clients(all, i, clients.get(i));
        }
        // Assets no client owns yet: shared platform nodes (unassigned), new nodes nobody has looked at (new),
        // CI runners that must not be billed (disregarded later).
        for (String node : List.of("k8s-shared-ingress-01", "k8s-shared-monitoring-01")) {
            all.add(asset(node, null, Catalog.VCPU, "k8s", daysAgo(90), 450, all.size()));
        }
        all.add(new Series("s3-platform-backups", Catalog.STORAGE, null, "s3-platform-backups", "aws",
                Map.of("region", "us-east-1", "tier", "archive"), daysAgo(90), SNAPSHOT_HOURS,
                false, 1_200, 0, d -> 1000, all.size()));
        for (String node : List.of("k8s-node-7f3a2c", "edge-cache-fra-07")) {
            all.add(asset(node, null, Catalog.VCPU, "k8s", daysAgo(4), 200, all.size()));
        }
        all.add(asset("k8s-hooli-04", "hooli", Catalog.VCPU, "k8s", daysAgo(3), 200, all.size()));
        for (String runner : List.of("ci-runner-01", "ci-runner-02")) {
            all.add(asset(runner, null, Catalog.VCPU, "k8s", daysAgo(60), 250, all.size()));
        }
        return all;
    }

    private void clients(List<Series> all, int i, DemoClient c) {
        Instant from = c.startsAt(calendar.month());
        Profile p = c.profile();
        IntUnaryOperator vcpu = switch (p) {
            case OVER -> d -> 1180 + (i % 5) * 30;
            case UNDER -> d -> 600 + (i % 4) * 50;
            case MIXED -> d -> 1200 + (i % 3) * 40;
            case GROWING -> d -> 750 + 550 * d / 365;
            case NEW_OVERAGE -> d -> d < stepDay ? 700 : 1500;
        };
        IntUnaryOperator storage = switch (p) {
            case OVER -> d -> 1100 + (i % 4) * 40;
            case UNDER -> d -> 680 + (i % 3) * 40;
            case MIXED -> d -> 620 + (i % 3) * 30;
            case GROWING -> d -> 780 + 450 * d / 365;
            case NEW_OVERAGE -> d -> 800;
        };
        Map<String, String> region = Map.of("region", c.region());
        long perNode = c.vcpuCommit() * 10 * 10_000 / (c.nodes() * SLOTS_PER_MONTH);
        for (int n = 1; n <= c.nodes(); n++) {
            all.add(new Series(c.node(n), Catalog.VCPU, c.externalId(), c.node(n), "k8s", region, from,
                    ACTIVITY_HOURS, true, perNode, 1, vcpu, all.size()));
        }
        all.add(new Series(c.storageAsset(), Catalog.STORAGE, c.externalId(), c.storageAsset(), "aws",
                Map.of("region", c.region(), "tier", "standard"), from, SNAPSHOT_HOURS, false,
                c.storageCommit() * 10_000 / DAYS_PER_MONTH, 0, storage, all.size()));
        if (c.gpu()) {
            all.add(new Series(c.gpuAsset(), Catalog.GPU, c.externalId(), c.gpuAsset(), "gpu-cluster",
                    Map.of("gpu", "a100"), later(from, daysAgo(50)), ACTIVITY_HOURS, true, 60, 1,
                    d -> 1000, all.size()));
        }
        if (c.batchNode()) {
            all.add(asset(c.batchAsset(), c.externalId(), Catalog.VCPU, "k8s",
                    later(from, daysAgo(45)), 300, all.size()));
        }
        if (c.ai()) {
            // The AI platform grows through the year, faster for some clients than others.
            IntUnaryOperator growth = d -> 800 + (i % 3) * 50 + 400 * d / 365;
            int[] shares = { 45, 35, 20 };
            for (int m = 0; m < PriceBook.MODELS.size(); m++) {
                long tokens = 60_000_000L * c.size() * shares[m] / 100 * 10_000 / SLOTS_PER_MONTH;
                all.add(new Series("tokens-" + c.externalId() + "-" + PriceBook.MODELS.get(m), Catalog.TOKENS,
                        c.externalId(), null, "llm-gateway", Map.of("model", PriceBook.MODELS.get(m), "provider",
                                PriceBook.PROVIDERS.get(m)), from, ACTIVITY_HOURS, true, tokens, 0, growth,
                        all.size()));
            }
            all.add(new Series("api-" + c.externalId(), Catalog.API_CALLS, c.externalId(), null, "api-gateway",
                    Map.of(), from, ACTIVITY_HOURS, true, 400_000L * c.size() * 10_000 / SLOTS_PER_MONTH, 0, growth,
                    all.size()));
        }
    }

    /** A node's vCPU-hours, steady; {@code tenths} per event at ratio 1000. */
    private static Series asset(String id, String customer, String meter, String source, Instant from, long tenths,
            long seed) {
        return new Series(id, meter, customer, id, source, Map.of("region", "eu-central-1"), from, ACTIVITY_HOURS,
                true, tenths, 1, d -> 1000, seed);
    }

    /** Midnight UTC {@code days} days ago: an asset's first event does not move with the hour of the load. */
    private Instant daysAgo(int days) {
        return calendar.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(days));
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** A well-mixed value from 0 to 160 (SplitMix64's finalizer): no visible pattern from one day to the next. */
    static int noise(long key) {
        long z = key * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (int) Math.floorMod(z, 161L);
    }
}
