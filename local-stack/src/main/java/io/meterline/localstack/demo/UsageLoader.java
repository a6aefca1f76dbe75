package io.meterline.localstack.demo;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Sends the year of usage through metering's ingest API, as a tenant service would, with {@code ?backfill=true}
 * (an admin may send events older than the late window), in batches of 500, a few at a time; then waits until
 * metering has stored all of it, by comparing each meter's stored total with the sum sent.
 */
final class UsageLoader {

    private static final int BATCH = 500;
    private static final int IN_FLIGHT = 4;

    private final DemoApi api;
    private final DemoData.Stack stack;
    private final DemoCalendar calendar;
    private final PrintStream out;

    UsageLoader(DemoApi api, DemoData.Stack stack, DemoCalendar calendar, PrintStream out) {
        this.api = api;
        this.stack = stack;
        this.calendar = calendar;
        this.out = out;
    }

    /** Sends every series' events up to a minute before the load started; answers how many. */
    long load(List<UsagePlan.Series> series, ExecutorService pool) {
        long started = System.nanoTime();
        Map<String, BigDecimal> expected = new TreeMap<>();
        Instant cutoff = calendar.now().minus(Duration.ofMinutes(1));
        Deque<Future<?>> inFlight = new ArrayDeque<>();
        List<Map<String, Object>> batch = new ArrayList<>(BATCH);
        long sent = 0;
        LocalDate first = calendar.firstDay();
        int days = (int) ChronoUnit.DAYS.between(first, calendar.today()) + 1;
        for (int day = 0; day < days; day++) {
            LocalDate date = first.plusDays(day);
            for (UsagePlan.Series s : series) {
                for (int slot = 0; slot < s.hours().length; slot++) {
                    Instant at = date.atTime(s.hours()[slot], 0).toInstant(ZoneOffset.UTC);
                    if (at.isBefore(s.from()) || !at.isBefore(cutoff)) {
                        continue;
                    }
                    BigDecimal value = s.value(day, date.getDayOfWeek(), slot);
                    expected.merge(s.meter(), value, BigDecimal::add);
                    batch.add(event(s, date, s.hours()[slot], at, value));
                    sent++;
                    if (batch.size() == BATCH) {
                        submit(pool, inFlight, batch);
                        batch = new ArrayList<>(BATCH);
                    }
                }
            }
        }
        if (!batch.isEmpty()) {
            submit(pool, inFlight, batch);
        }
        while (!inFlight.isEmpty()) {
            join(inFlight.poll());
        }
        long sentAt = System.nanoTime();
        out.printf(Locale.ROOT, "  usage: %,d events over %d days sent in %.1f s; metering is storing them...%n",
                sent, days, (sentAt - started) / 1e9);
        awaitStored(expected);
        out.printf(Locale.ROOT, "  usage: stored in %.1f s%n", (System.nanoTime() - sentAt) / 1e9);
        return sent;
    }

    private static Map<String, Object> event(UsagePlan.Series s, LocalDate date, int hour, Instant at,
            BigDecimal value) {
        Map<String, Object> e = new LinkedHashMap<>();
        // The same id on every load: a resent batch is counted once.
        e.put("id", String.format(Locale.ROOT, "demo-%s-%sT%02d", s.key(), date, hour));
        e.put("meter", s.meter());
        if (s.customer() != null) {
            e.put("customer", s.customer());
        }
        if (s.asset() != null) {
            e.put("asset", s.asset());
        }
        e.put("source", s.source());
        e.put("timestamp", at.toString());
        e.put("value", value.toPlainString());
        if (!s.dimensions().isEmpty()) {
            e.put("dimensions", s.dimensions());
        }
        return e;
    }

    /** Keeps a few requests in flight: enough to load quickly, not so many that ingest falls far behind. */
    private void submit(ExecutorService pool, Deque<Future<?>> inFlight, List<Map<String, Object>> batch) {
        while (inFlight.size() >= IN_FLIGHT * 2) {
            join(inFlight.poll());
        }
        inFlight.add(pool.submit(() -> send(batch)));
    }

    private void send(List<Map<String, Object>> batch) {
        JsonNode answer = api.postUsage(stack.meteringUrl() + "/api/v1/events?backfill=true", batch, 202,
                Duration.ofMinutes(2));
        JsonNode rejected = answer.path("rejected");
        if (rejected.size() > 0) {
            throw new IllegalStateException("metering rejected " + rejected.size() + " demo events, the first: "
                    + rejected.get(0));
        }
    }

    private static void join(Future<?> future) {
        try {
            future.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /**
     * Metering answers once Kafka has a batch and stores it a moment later: the load goes on once each meter's
     * stored total (over whole hours, from the hourly rollups) has reached what was sent.
     */
    private void awaitStored(Map<String, BigDecimal> expected) {
        Instant to = calendar.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (true) {
            List<String> behind = new ArrayList<>();
            for (Map.Entry<String, BigDecimal> meter : expected.entrySet()) {
                BigDecimal stored = storedTotal(meter.getKey(), calendar.dataStart(), to);
                if (stored.compareTo(meter.getValue()) < 0) {
                    behind.add(meter.getKey() + " (" + stored.toPlainString() + " of "
                            + meter.getValue().toPlainString() + ")");
                }
            }
            if (behind.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("metering had not stored all the demo's usage after 5 minutes: "
                        + String.join(", ", behind));
            }
            DemoApi.pause(500);
        }
    }

    private BigDecimal storedTotal(String meter, Instant from, Instant to) {
        JsonNode rows = api.post(stack.meteringUrl() + "/api/v1/usage/query", Map.of("meter", meter, "from",
                from.toString(), "to", to.toString(), "includeDisregarded", true), 200).path("rows");
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode row : rows) {
            if (row.hasNonNull("value")) {
                total = total.add(new BigDecimal(row.get("value").asText()));
            }
        }
        return total;
    }

    /**
     * A load-test host's events, sent with the tenant API key as an agent would: the ingest suppression drops them
     * before Kafka, so they only add to the rule's count. Answers how many were dropped.
     */
    int sendSuppressed(String ingestKey) {
        Instant hour = calendar.now().truncatedTo(ChronoUnit.HOURS);
        List<Map<String, Object>> events = new ArrayList<>();
        for (int host = 1; host <= 3; host++) {
            for (int h = 1; h <= 12; h++) {
                events.add(Map.of("id", "demo-loadtest-0" + host + "-" + h, "meter", Catalog.VCPU, "asset",
                        "loadtest-0" + host, "source", "k8s", "timestamp", hour.minus(Duration.ofHours(h)).toString(),
                        "value", "16"));
            }
        }
        JsonNode answer = api.postWithKey(stack.meteringUrl() + "/api/v1/events", events, ingestKey, 202);
        int dropped = answer.path("suppressed").asInt();
        if (dropped != events.size()) {
            out.printf("  warning: the suppression dropped %d of %d load-test events%n", dropped, events.size());
        }
        return dropped;
    }
}
