package io.meterline.platform.messaging;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

/**
 * The polling thread of a relay that moves rows a transaction queued (the outbox, the metered batches) to Kafka: a
 * pass every {@code interval} on one daemon thread. A pass that fails is logged and the next one tries again, so the
 * rows wait in the database, never lost; an outage is logged once, then at debug level until a pass succeeds.
 */
public final class RelayLoop implements AutoCloseable {

    /** One pass: send what waits. */
    @FunctionalInterface
    public interface Pass {
        void run() throws Exception;
    }

    private static final Logger LOG = Logger.getLogger(RelayLoop.class);

    private final String name;
    private final Pass pass;
    private final ScheduledExecutorService thread;
    private boolean failing;

    private RelayLoop(String name, Pass pass) {
        this.name = name;
        this.pass = pass;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    public static RelayLoop start(String name, Duration interval, Pass pass) {
        RelayLoop loop = new RelayLoop(name, pass);
        long every = interval.toMillis();
        loop.thread.scheduleWithFixedDelay(loop::runOnce, every, every, TimeUnit.MILLISECONDS);
        return loop;
    }

    private void runOnce() {
        try {
            pass.run();
            if (failing) {
                LOG.infof("The %s works again", name);
                failing = false;
            }
        } catch (Exception e) {
            if (!failing) {
                LOG.warnf("The %s failed and will retry every pass until it works: %s", name, e.getMessage());
                failing = true;
            } else {
                LOG.debugf("The %s failed again: %s", name, e.getMessage());
            }
        }
    }

    /** Stops after the pass under way, waiting for it up to five seconds. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
