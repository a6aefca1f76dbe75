package io.meterline.projection;

import java.math.BigDecimal;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** projection-service's settings (docs/configuration.md). */
@ConfigMapping(prefix = "meterline.projection")
public interface ProjectionConfig {

    /** Real-time usage from {@code meterline.usage.metered}. */
    Usage usage();

    interface Usage {

        /**
         * How long each applied event identity is remembered, so a redelivery is not counted twice. Longer than any
         * redelivery: a consumer restart, a rebalance, metering's relay resending a batch.
         */
        @WithDefault("P7D")
        Duration seenRetention();
    }

    /** Projections of each client's open period. */
    Recompute recompute();

    interface Recompute {

        /**
         * How often, at most, a client whose usage keeps changing is recomputed: usage arriving marks its client, a
         * client is recomputed as soon as it is marked and then rests this long (a change meanwhile waits for the
         * rest to end), so steady usage costs one recompute per client per debounce. Also how often marks are looked
         * for when no usage arrives.
         */
        @WithDefault("PT0.5S")
        Duration debounce();

        /** Every client is recomputed this often, whether usage arrived or not (the projection moves with time). */
        @WithDefault("PT15M")
        Duration schedule();

        /**
         * How often a series' forecast model is fitted again from its history. Between fits a recompute applies the
         * stored model to the usage so far, without reading the history.
         */
        @WithDefault("PT6H")
        Duration refit();

        /** How much hourly history a forecast learns from (the weekly profile wants at least 4 weeks). */
        @WithDefault("P56D")
        Duration history();

        /** Clients recomputed per database round trip. */
        @WithDefault("200")
        int chunkSize();

        /**
         * Chunks recomputed at once, each by its own drain: while one waits on the database another rates. A save
         * never overwrites a newer recompute of the same client.
         */
        @WithDefault("2")
        int parallelism();
    }

    /** Alert evaluation and webhook delivery. */
    Alerts alerts();

    interface Alerts {

        /** How often alert rules are evaluated against the latest projections. */
        @WithDefault("PT5S")
        Duration evaluateEvery();

        /**
         * The longest one evaluation of every rule may take before it is rolled back and retried on the next tick;
         * a pass over 25,000 lines takes a few seconds.
         */
        @WithDefault("PT2M")
        Duration evaluateTimeout();

        /**
         * The hysteresis band, as a fraction of the threshold: a FIRING rule clears only once the value is this far
         * back on the other side, so a value hovering at the threshold does not flap.
         */
        @WithDefault("0.05")
        BigDecimal hysteresis();

        /** How often due webhook deliveries are attempted. */
        @WithDefault("PT1S")
        Duration deliverEvery();

        /**
         * The first retry's delay; the rest of the schedule (docs/projections.md) scales with it. 30 s spreads the
         * retries over three days.
         */
        @WithDefault("PT30S")
        Duration firstRetry();

        /** A webhook request's timeout. */
        @WithDefault("PT10S")
        Duration webhookTimeout();

        /** Trailing closed periods a cost-per-unit anomaly is judged against. */
        @WithDefault("6")
        int anomalyBaselinePeriods();
    }

    /** Consumers' dead letters: readiness goes down when records keep failing. */
    DeadLetters deadLetters();

    interface DeadLetters {

        /** Dead-lettered records within {@code window} that make readiness DOWN. */
        @WithDefault("100")
        int readinessThreshold();

        @WithDefault("PT5M")
        Duration window();
    }
}
