package io.meterline.metering.ingest;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the events of a batch that can never be stored, so that they alone are set aside and the rest is stored.
 * A batch that fails because of its data (a value the database refuses, a row breaking a constraint) is halved and
 * each half stored on its own, down to single events; any other failure (the database away, a deadlock) is thrown
 * unchanged, for the caller to retry the whole batch. Halves already stored are then redelivered, and the ledger
 * turns them into nothing.
 */
final class PoisonEvents {

    /** Stores one part of the batch, in its own transaction. */
    interface Store<T> {
        void store(List<T> part) throws Exception;
    }

    /** An event that failed alone, and why. */
    record Poison<T>(T item, Exception cause) {
    }

    private PoisonEvents() {
    }

    /** Stores every item that can be; returns those that cannot, or throws the first failure not caused by data. */
    static <T> List<Poison<T>> storeAll(List<T> items, Store<T> store) throws Exception {
        if (items.isEmpty()) {
            return List.of();
        }
        try {
            store.store(items);
            return List.of();
        } catch (Exception e) {
            if (!causedByData(e)) {
                throw e;
            }
            if (items.size() == 1) {
                return List.of(new Poison<>(items.get(0), e));
            }
            int half = items.size() / 2;
            List<Poison<T>> poison = new ArrayList<>(storeAll(items.subList(0, half), store));
            poison.addAll(storeAll(items.subList(half, items.size()), store));
            return poison;
        }
    }

    /**
     * Whether the data, not the moment, made a store fail: SQL states of class 22 (data exception) and 23 (integrity
     * constraint violation), or an error of the writer's own code on these events (an arithmetic or argument error,
     * say). Connection, resource, lock and server failures (08, 40, 53, 55, 57, 58), a component in the wrong state
     * (a pool closing) and anything unknown are the moment's: retried, never set aside.
     */
    static boolean causedByData(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                return state != null && (state.startsWith("22") || state.startsWith("23"));
            }
        }
        return e instanceof RuntimeException && !(e instanceof IllegalStateException);
    }
}
