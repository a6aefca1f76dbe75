package io.meterline.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** What every benchmark needs: tasks run on a pool, pauses, progress on stderr, percentiles. */
final class Bench {

    private Bench() {
    }

    /** Runs {@code count} tasks on the pool and returns their results in order; the first failure fails all. */
    static <T> List<T> all(ExecutorService pool, int count, IntFunction<T> task) throws Exception {
        List<Future<T>> futures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int n = i;
            futures.add(pool.submit(() -> task.apply(n)));
        }
        List<T> results = new ArrayList<>(count);
        for (Future<T> future : futures) {
            results.add(future.get());
        }
        return results;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Progress goes to stderr, so that stdout holds only the results (and --json's one line). */
    static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, format + "%n", args);
    }

    /** The p-th percentile (nearest rank) of sorted values. */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.max(0, Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1))];
    }
}
