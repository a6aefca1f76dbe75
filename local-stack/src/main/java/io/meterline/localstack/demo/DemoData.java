package io.meterline.localstack.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Demo data for a new local stack, so that every console screen has content on the first start: about 25 clients
 * in USD, EUR and GBP across time zones and both billing cycles, their buckets and subscriptions, a year of usage,
 * assets in every state, a year of billing runs and invoices, API keys, a suppression and alert rules.
 *
 * <p>Everything goes through the public REST APIs a user calls, with the automation client's admin token, exactly
 * as a script would: the demo exercises the product, and never writes a database behind a service's back. The
 * data is deterministic (fixed names and arithmetic, no randomness), dated relative to the current month.
 */
public final class DemoData {

    /** Written into the home once the demo is in (or was deliberately left out); {@code --fresh} removes it. */
    public static final String MARKER = "demo.loaded";

    /** Where the services answer. */
    public record Stack(String meteringUrl, String pricingUrl, String billingUrl, String projectionUrl) {
    }

    private DemoData() {
    }

    /** Whether this home has had its demo: the loader then never runs again on it. */
    public static boolean loaded(Path home) {
        return Files.exists(home.resolve(MARKER));
    }

    /**
     * Loads the demo into the running stack whose credentials are in {@code home}. Never throws: a failure is
     * printed with how to retry, and the caller's services keep running.
     *
     * @return whether the demo data is now there
     */
    public static boolean load(Stack stack, Path home, PrintStream out) {
        long started = System.nanoTime();
        DemoApi api = new DemoApi(home);
        ExecutorService pool = Executors.newFixedThreadPool(4, task -> {
            Thread thread = new Thread(task, "meterline-demo");
            thread.setDaemon(true); // a stuck request must not keep the launcher alive after Ctrl-C
            return thread;
        });
        try {
            if (hasData(api, stack)) {
                // A home from before the demo existed, or one whose first load failed: never mix demo data in.
                out.println("Demo data: not loaded, this stack already has meters or clients. "
                        + "./meterline up --fresh starts over with the demo (it wipes the local data).");
                writeMarker(home, "skipped: the stack already had data", out);
                return false;
            }
            out.println("Loading demo data (first start only; --no-demo leaves it out)...");
            out.flush();
            DemoCalendar calendar = DemoCalendar.at(Instant.now());
            Settings settings = new Settings(api, stack);
            String ingestKey = settings.suppressionAndApiKeys();
            Map<String, String> plans = new Catalog(api, stack, calendar, out).create();
            ClientSetup.Made made = new ClientSetup(api, stack, calendar, out).create(plans);
            UsageLoader usage = new UsageLoader(api, stack, calendar, out);
            long events = usage.load(new UsagePlan(calendar).series(), pool);
            int dropped = usage.sendSuppressed(ingestKey);
            new AssetReview(api, stack, out).review(pool);
            new BillingHistory(api, stack, calendar, out).run(made.clients(), pool);
            int rules = settings.alertRules(made);
            out.printf("  settings: 2 API keys, 1 ingest suppression (%d events dropped), %d alert rules%n", dropped,
                    rules);
            double seconds = (System.nanoTime() - started) / 1e9;
            writeMarker(home, String.format(Locale.ROOT, "loaded %s: %d clients, %d events, in %.0f s",
                    calendar.now(), made.clients().size(), events, seconds), out);
            out.printf(Locale.ROOT, "Demo data loaded in %.0f s: %d clients, %,d usage events over the last %d "
                    + "months and this one, and their invoices. Projections and margins fill in within a minute.%n",
                    seconds, made.clients().size(), events, DemoCalendar.MONTHS);
            return true;
        } catch (RuntimeException e) {
            out.println("Demo data could not be loaded: " + (e.getMessage() != null ? e.getMessage() : e));
            out.println("  Meterline keeps running without it. To load it, stop with Ctrl-C and run "
                    + "./meterline up --fresh (this wipes the local data); --no-demo starts without it.");
            return false;
        } finally {
            pool.shutdownNow();
            out.flush();
        }
    }

    private static boolean hasData(DemoApi api, Stack stack) {
        JsonNode meters = api.get(stack.meteringUrl() + "/api/v1/meters");
        JsonNode clients = api.get(stack.billingUrl() + "/api/v1/clients?size=1");
        return (meters != null && meters.size() > 0) || (clients != null && clients.path("total").asLong() > 0);
    }

    private static void writeMarker(Path home, String text, PrintStream out) {
        try {
            Files.writeString(home.resolve(MARKER), text + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            out.println("  warning: could not write " + home.resolve(MARKER) + " (" + e.getMessage()
                    + "); the next start will try the demo again");
        }
    }
}
