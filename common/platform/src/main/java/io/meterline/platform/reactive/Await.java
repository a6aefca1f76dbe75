package io.meterline.platform.reactive;

import java.util.function.Supplier;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * Runs reactive work (Hibernate Reactive sessions, the reactive client) from a thread of our own, such as a worker
 * that also makes blocking REST calls: each call gets its own Vert.x context, so its own session, and the thread
 * waits for the result.
 */
public final class Await {

    private Await() {
    }

    public static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
