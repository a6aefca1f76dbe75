package io.meterline.localstack.demo;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A year of month ends, as billing would have lived them: one run per closed month, oldest first, each awaited,
 * so that runs, readings, invoices, over/under and margin have a history; then the older invoices are paid, as
 * clients would have paid them, and the recent ones stay open.
 */
final class BillingHistory {

    /**
     * Each run is dated two days after its month ends: past every client's time zone and a day's grace. The last
     * is dated now, so that it also closes the anniversary periods that ended earlier this month.
     */
    private static final Duration AFTER_MONTH_END = Duration.ofDays(2);

    private final DemoApi api;
    private final DemoData.Stack stack;
    private final DemoCalendar calendar;
    private final PrintStream out;

    BillingHistory(DemoApi api, DemoData.Stack stack, DemoCalendar calendar, PrintStream out) {
        this.api = api;
        this.stack = stack;
        this.calendar = calendar;
        this.out = out;
    }

    void run(Map<String, String> clients, ExecutorService pool) {
        awaitCostRates(clients);
        long started = System.nanoTime();
        int invoices = 0;
        int failedClients = 0;
        for (int monthsAgo = DemoCalendar.MONTHS - 1; monthsAgo >= 0; monthsAgo--) {
            Instant latest = Instant.now().minusSeconds(5); // a run may not be dated in the future
            Instant asOf = monthsAgo == 0 ? latest : calendar.monthStart(monthsAgo).plus(AFTER_MONTH_END);
            JsonNode run = awaitRun(api.post(stack.billingUrl() + "/api/v1/billing-runs",
                    Map.of("asOf", (asOf.isBefore(latest) ? asOf : latest).toString()), 202).get("id").asText());
            String status = run.path("status").asText();
            if (status.equals("FAILED")) {
                throw new IllegalStateException("billing run " + run.path("id").asText() + " failed: "
                        + run.path("errors"));
            }
            if (!status.equals("SUCCEEDED")) {
                out.printf("  warning: billing run %s ended %s: %s%n", run.path("id").asText(), status,
                        run.path("errors").path(0));
            }
            invoices += run.path("invoices").asInt();
            failedClients += run.path("errors").size();
        }
        int paid = payOlderInvoices(pool);
        out.printf(Locale.ROOT, "  billing: %d runs, %d invoices (%d paid), %d clients failed, in %.1f s%n",
                DemoCalendar.MONTHS, invoices, paid, failedClients, (System.nanoTime() - started) / 1e9);
    }

    private JsonNode awaitRun(String id) {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (true) {
            JsonNode run = api.get(stack.billingUrl() + "/api/v1/billing-runs/" + id);
            String status = run.path("status").asText();
            if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                return run;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("billing run " + id + " had not finished after 5 minutes: " + run);
            }
            DemoApi.pause(300);
        }
    }

    /**
     * Cost-rate plans reach billing over Kafka, like the price plans the subscriptions waited for, but nothing
     * refuses a run without them: its readings would carry no cost. So before the first run, one AI client per
     * currency is previewed until none of its usage is left uncosted. A preview with no usage yet (the first hour
     * of a month), or none at all, proves nothing either way and is taken as it is.
     */
    private void awaitCostRates(Map<String, String> clients) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (PriceBook book : PriceBook.ALL) {
            DemoClient probe = DemoClient.ALL.stream().filter(c -> c.ai() && c.currency().equals(book.currency()))
                    .findFirst().orElseThrow();
            String url = stack.billingUrl() + "/api/v1/clients/" + clients.get(probe.externalId())
                    + "/invoice-preview";
            while (true) {
                DemoApi.Answer preview = api.call("GET", url, null);
                if (preview.status() != 200 || !uncosted(preview.json())) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    out.printf("  warning: billing has no cost rates in %s yet; margins may lack cost%n",
                            book.currency());
                    return;
                }
                DemoApi.pause(500);
            }
        }
    }

    private static boolean uncosted(JsonNode preview) {
        for (JsonNode reading : preview.path("readings")) {
            if (decimal(reading.path("usage")).signum() > 0 && decimal(reading.path("uncostedUsage")).signum() > 0) {
                return true;
            }
        }
        return false;
    }

    private static BigDecimal decimal(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return BigDecimal.ZERO;
        }
        return node.isNumber() ? node.decimalValue() : new BigDecimal(node.asText());
    }

    /**
     * Pays the invoices of periods that ended more than 40 days ago; one client pays late, so the last three of
     * its invoices stay open.
     */
    private int payOlderInvoices(ExecutorService pool) {
        Instant now = calendar.now();
        List<String> toPay = new ArrayList<>();
        int size = 500;
        for (int page = 0; ; page++) {
            JsonNode items = api.get(stack.billingUrl() + "/api/v1/invoices?status=FINALIZED&size=" + size
                    + "&page=" + page).path("items");
            for (JsonNode invoice : items) {
                boolean late = invoice.path("clientExternalId").asText().equals("stark-fab");
                Instant paidUpTo = now.minus(Duration.ofDays(late ? 100 : 40));
                if (Instant.parse(invoice.path("periodEnd").asText()).isBefore(paidUpTo)) {
                    toPay.add(invoice.path("id").asText());
                }
            }
            if (items.size() < size) {
                break;
            }
        }
        List<Future<?>> done = new ArrayList<>();
        for (String id : toPay) {
            done.add(pool.submit(() -> api.post(stack.billingUrl() + "/api/v1/invoices/" + id + "/pay", null, 200)));
        }
        for (Future<?> future : done) {
            try {
                future.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted", e);
            }
        }
        return toPay.size();
    }
}
