package io.meterline.projection.projections;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * When drains of the marked clients run. Up to {@code parallelism} run at once; a nudge while all are busy is
 * remembered and taken when one of them succeeds, so a mark does not wait for the next tick. A nudge starts at most
 * {@code parallelism} drains, and a failed drain is not started again at once: the next tick retries, so a database
 * that is down or already closed costs one attempt per tick, never a busy loop on the event loop. A full recompute
 * holds every slot ({@link #holdAll()}).
 */
final class DrainSlots {

    private final int parallelism;
    private final Supplier<Uni<?>> drain;
    private final Consumer<Throwable> failed;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicBoolean exclusive = new AtomicBoolean();

    DrainSlots(int parallelism, Supplier<Uni<?>> drain, Consumer<Throwable> failed) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
        }
        this.parallelism = parallelism;
        this.drain = drain;
        this.failed = failed;
    }

    /** Starts drains in the free slots, or remembers that one is due when none is free. */
    void nudge() {
        again.set(true);
        for (int started = 0; started < parallelism && !exclusive.get();) {
            int n = running.get();
            if (n >= parallelism) {
                return;
            }
            if (running.compareAndSet(n, n + 1)) {
                started++;
                again.set(false);
                Uni<?> pass;
                try {
                    pass = drain.get();
                } catch (RuntimeException e) {
                    pass = Uni.createFrom().failure(e);
                }
                pass.subscribe().with(done -> ended(true), failure -> {
                    failed.accept(failure);
                    ended(false);
                });
            }
        }
    }

    private void ended(boolean succeeded) {
        running.decrementAndGet();
        if (succeeded && again.get()) {
            nudge();
        }
    }

    /**
     * Takes every slot: first no new drain may start, then the running ones finish. Under steady usage drains follow
     * each other closely, and waiting for a gap between them could wait long.
     */
    Uni<Void> holdAll() {
        return awaitTrue(() -> exclusive.compareAndSet(false, true))
                .chain(() -> awaitTrue(() -> running.compareAndSet(0, parallelism)));
    }

    /** Gives back the slots {@link #holdAll()} took, and takes a nudge that came meanwhile. */
    void releaseAll() {
        running.set(0);
        exclusive.set(false);
        if (again.get()) {
            nudge();
        }
    }

    /** Drains running now. */
    int running() {
        return running.get();
    }

    private static Uni<Void> awaitTrue(BooleanSupplier condition) {
        return Uni.createFrom().item(condition::getAsBoolean).repeat().withDelay(Duration.ofMillis(20))
                .until(done -> done).collect().last().replaceWithVoid();
    }
}
