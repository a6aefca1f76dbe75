package io.meterline.billing;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** billing-service's settings (docs/configuration.md). */
@ConfigMapping(prefix = "meterline.billing")
public interface BillingConfig {

    /** Billing runs. */
    Run run();

    /** Stripe sync of finalized invoices, for clients with a Stripe customer id. */
    Stripe stripe();

    interface Stripe {

        /** Off by default: invoices stay in Meterline. */
        @WithDefault("false")
        boolean enabled();

        /** The secret key (sk_live_..., sk_test_...); required when enabled. */
        java.util.Optional<String> apiKey();

        /** Stripe's API, or a server speaking it. */
        @WithDefault("https://api.stripe.com")
        String apiBase();

        /** Retries of a failed request, with back-off and the same idempotency key (stripe-java's). */
        @WithDefault("3")
        int maxRetries();

        /** How often pending invoices are looked for. */
        @WithDefault("PT5S")
        Duration pollInterval();
    }

    /** Auto-provisioning of buckets from unit-type templates. */
    AutoProvision autoProvision();

    interface AutoProvision {

        /** When the nightly run happens: a Quartz-style cron (seconds minutes hours day month weekday). */
        @WithDefault("0 0 2 * * ?")
        String cron();
    }

    /** Late usage: usage stored for a period after its invoice was finalized. */
    LateUsage lateUsage();

    interface LateUsage {

        /**
         * How far back a run looks for late usage: finalized periods that ended within this of its asOf are re-rated
         * when the client's next invoice is made. Cover the longest backfill you accept.
         */
        @WithDefault("P93D")
        Duration lookback();
    }

    interface Run {

        /** How often an idle worker looks for queued runs, and for runs whose process died. */
        @WithDefault("PT1S")
        Duration pollInterval();

        /** A run whose owner has not reported for this long is taken over (its process died). */
        @WithDefault("PT30S")
        Duration staleAfter();

        /** Clients read, and their usage fetched from metering, together. */
        @WithDefault("1000")
        int chunkSize();

        /** Rows per page of metering's totals (metering allows up to 10,000). */
        @WithDefault("10000")
        int usagePageSize();

        /**
         * Clients closed at once, each in its own transaction. Invoice numbers are taken in order per currency and
         * year, so more than a few only queue on that counter.
         */
        @WithDefault("4")
        int parallelism();

        /** Whether this process runs billing runs; off for a replica that only answers the API. */
        @WithDefault("true")
        boolean workerEnabled();
    }
}
