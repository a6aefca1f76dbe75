package io.meterline.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class RelayLoopTest {

    @Test
    void aFailingPassIsRetriedOnTheNextTickUntilItWorks() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch worked = new CountDownLatch(1);
        try (RelayLoop loop = RelayLoop.start("test relay", Duration.ofMillis(10), () -> {
            if (calls.incrementAndGet() <= 3) {
                throw new IllegalStateException("broker away");
            }
            worked.countDown();
        })) {
            assertThat(worked.await(10, TimeUnit.SECONDS)).as("the fourth pass works").isTrue();
        }
        assertThat(calls.get()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void closeEndsTheRelayThreadSoNoPassRunsAfterIt() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        AtomicReference<Thread> relayThread = new AtomicReference<>();
        CountDownLatch ran = new CountDownLatch(2);
        RelayLoop loop = RelayLoop.start("test relay", Duration.ofMillis(5), () -> {
            relayThread.set(Thread.currentThread());
            calls.incrementAndGet();
            ran.countDown();
        });
        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        loop.close();
        int afterClose = calls.get();
        // The one thread that runs passes has ended: nothing is left to run another.
        relayThread.get().join(5_000);
        assertThat(relayThread.get().isAlive()).isFalse();
        assertThat(calls.get()).isEqualTo(afterClose);
    }
}
