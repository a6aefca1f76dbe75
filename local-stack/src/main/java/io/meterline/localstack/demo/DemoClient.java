package io.meterline.localstack.demo;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

/**
 * One demo client: who it is, how it is billed, what it uses and how its usage sits against its commits. The list
 * is fixed, so that every load makes the same data and screenshots stay stable.
 *
 * @param anchorDay the anniversary day, or null for a calendar month
 * @param monthsAgo how many whole months before the current one billing started
 * @param size scales its commits and usage (1 small to 8 large)
 * @param ai subscribed to the AI platform price plan (tokens by model, API calls in tiers)
 * @param gpu runs a GPU node since a few weeks, for auto-provisioning to find
 * @param batchNode runs an extra node that no bucket counts (an unbound asset)
 */
record DemoClient(String name, String externalId, String currency, String timeZone, Integer anchorDay,
        int monthsAgo, int size, Profile profile, boolean ai, boolean gpu, boolean batchNode, int paymentTermsDays,
        String region) {

    /** How usage sits against the commits, so over/under, right-sizing and new overages all have rows. */
    enum Profile {
        /** Above both commits. */
        OVER,
        /** Below both commits: a right-size candidate. */
        UNDER,
        /** Above the vCPU commit, below the storage one. */
        MIXED,
        /** From three quarters of the commits to well above them over the year. */
        GROWING,
        /** Under its vCPU commit last period, far above it since a week before this month: a new overage. */
        NEW_OVERAGE
    }

    static final List<DemoClient> ALL = List.of(
            usd("Northwind Analytics", "northwind", "America/New_York", null, 12, 5, Profile.OVER, true, true, false,
                    "us-east-1"),
            usd("Acme Robotics", "acme-robotics", "America/Chicago", 15, 12, 4, Profile.MIXED, false, true, true,
                    "us-east-2"),
            usd("Globex Logistics", "globex", "America/Los_Angeles", null, 12, 6, Profile.UNDER, true, false, false,
                    "us-west-2"),
            usd("Initech Cloud", "initech", "America/Denver", null, 12, 3, Profile.GROWING, true, false, false,
                    "us-west-2"),
            usd("Umbrella Health", "umbrella-health", "America/New_York", 31, 10, 7, Profile.UNDER, false, false,
                    false, "us-east-1"),
            usd("Hooli Search", "hooli", "America/Los_Angeles", null, 12, 8, Profile.MIXED, true, false, true,
                    "us-west-1"),
            usd("Stark Fabrication", "stark-fab", "America/Chicago", 10, 8, 4, Profile.OVER, false, false, false,
                    "us-east-2"),
            usd("Wayne Biotech", "wayne-bio", "America/New_York", null, 12, 6, Profile.UNDER, true, false, false,
                    "us-east-1"),
            usd("Vandelay Imports", "vandelay", "America/Toronto", null, 5, 2, Profile.NEW_OVERAGE, false, false,
                    false, "ca-central-1"),
            usd("Indus Cloudworks", "indus", "Asia/Kolkata", null, 3, 2, Profile.UNDER, true, false, false,
                    "ap-south-1"),
            usd("Sakura Mobile KK", "sakura-mobile", "Asia/Tokyo", null, 12, 5, Profile.MIXED, true, false, false,
                    "ap-northeast-1"),
            usd("Kookaburra Labs", "kookaburra", "Australia/Sydney", 3, 12, 3, Profile.UNDER, false, false, false,
                    "ap-southeast-2"),
            usd("Lion City Payments", "lion-city", "Asia/Singapore", null, 4, 3, Profile.OVER, true, true, false,
                    "ap-southeast-1"),
            eur("Müller Maschinenbau GmbH", "mueller-mb", "Europe/Berlin", null, 12, 6, Profile.OVER, false, true,
                    false, "eu-central-1"),
            eur("Bleu Marine SAS", "bleu-marine", "Europe/Paris", 20, 12, 3, Profile.UNDER, true, false, false,
                    "eu-west-3"),
            eur("Van Dijk Logistiek BV", "vandijk", "Europe/Amsterdam", null, 12, 4, Profile.MIXED, false, false,
                    true, "eu-west-1"),
            eur("Aurora Fintech SL", "aurora-fintech", "Europe/Madrid", null, 12, 4, Profile.GROWING, true, true,
                    false, "eu-south-2"),
            eur("Nordlicht Energie AG", "nordlicht", "Europe/Berlin", 5, 9, 5, Profile.UNDER, false, false, false,
                    "eu-central-1"),
            eur("Helsinki Games Oy", "helsinki-games", "Europe/Helsinki", null, 12, 3, Profile.MIXED, true, false,
                    false, "eu-north-1"),
            eur("Roma Mobilità SpA", "roma-mobilita", "Europe/Rome", null, 6, 2, Profile.NEW_OVERAGE, false, false,
                    false, "eu-south-1"),
            eur("Lisboa Digital Lda", "lisboa-digital", "Europe/Lisbon", 25, 12, 2, Profile.UNDER, false, false,
                    false, "eu-west-1"),
            gbp("Thames Data Ltd", "thames-data", null, 12, 5, Profile.OVER, true, true, false),
            gbp("Pennine Retail plc", "pennine-retail", 12, 12, 3, Profile.UNDER, false, false, false),
            gbp("Caledonia Insurance", "caledonia", null, 12, 4, Profile.MIXED, false, false, true),
            gbp("Brighton Media Ltd", "brighton-media", null, 7, 2, Profile.OVER, true, false, false));

    private static DemoClient usd(String name, String id, String zone, Integer anchor, int monthsAgo, int size,
            Profile profile, boolean ai, boolean gpu, boolean batch, String region) {
        // Payment terms differ from one contract to the next.
        int terms = id.equals("umbrella-health") ? 60 : id.equals("vandelay") ? 14 : 30;
        return new DemoClient(name, id, "USD", zone, anchor, monthsAgo, size, profile, ai, gpu, batch, terms, region);
    }

    private static DemoClient eur(String name, String id, String zone, Integer anchor, int monthsAgo, int size,
            Profile profile, boolean ai, boolean gpu, boolean batch, String region) {
        return new DemoClient(name, id, "EUR", zone, anchor, monthsAgo, size, profile, ai, gpu, batch,
                id.equals("bleu-marine") ? 45 : 30, region);
    }

    private static DemoClient gbp(String name, String id, Integer anchor, int monthsAgo, int size, Profile profile,
            boolean ai, boolean gpu, boolean batch) {
        return new DemoClient(name, id, "GBP", "Europe/London", anchor, monthsAgo, size, profile, ai, gpu, batch, 30,
                "eu-west-2");
    }

    /**
     * When billing starts: the start of the client's local day on the first of the month (or on its anniversary
     * day, the month's last day when shorter), {@code monthsAgo} months before the current one, so that the first
     * period is a whole one and not a prorated stub.
     */
    Instant startsAt(YearMonth current) {
        YearMonth month = current.minusMonths(monthsAgo);
        int day = anchorDay == null ? 1 : Math.min(anchorDay, month.lengthOfMonth());
        return month.atDay(day).atStartOfDay(ZoneId.of(timeZone)).toInstant();
    }

    /** The client's k8s nodes that its vCPU bucket counts: more for the larger clients. */
    int nodes() {
        return size <= 3 ? 2 : 3;
    }

    String node(int n) {
        return "k8s-" + externalId + "-0" + n;
    }

    String storageAsset() {
        return "s3-" + externalId + "-data";
    }

    String gpuAsset() {
        return "gpu-" + externalId + "-01";
    }

    String batchAsset() {
        return "k8s-" + externalId + "-batch-01";
    }

    /** vCPU-hours committed per period. */
    long vcpuCommit() {
        return 5_000L * size;
    }

    /** GB-days committed per period: the GB kept, times the days. */
    long storageCommit() {
        return 8_000L * size;
    }
}
