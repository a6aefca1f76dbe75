package io.meterline.projection.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

class DrainSlotsTest {

    @Test
    void aDrainThatFailsAtOnceIsStartedNoMoreThanOncePerSlotPerNudge() {
        // A closed pool fails on the calling thread: this once spun the event loop, logging gigabytes.
        AtomicInteger started = new AtomicInteger();
        List<Throwable> failures = new ArrayList<>();
        DrainSlots slots = new DrainSlots(2, () -> {
            started.incrementAndGet();
            return Uni.createFrom().failure(new IllegalStateException("Pool closed"));
        }, failures::add);

        slots.nudge();

        assertThat(started).hasValue(2);
        assertThat(failures).hasSize(2);
        assertThat(slots.running()).isZero();
        slots.nudge();
        assertThat(started).hasValue(4);
    }

    @Test
    void aDrainThatSucceedsAtOnceDoesNotLoopEither() {
        AtomicInteger started = new AtomicInteger();
        DrainSlots slots = new DrainSlots(3, () -> {
            started.incrementAndGet();
            return Uni.createFrom().item("done");
        }, e -> {
        });

        slots.nudge();

        assertThat(started).hasValue(3);
        assertThat(slots.running()).isZero();
    }

    @Test
    void aDrainThatThrowsInsteadOfFailingIsAFailedDrain() {
        List<Throwable> failures = new ArrayList<>();
        DrainSlots slots = new DrainSlots(1, () -> {
            throw new IllegalStateException("no connection");
        }, failures::add);

        slots.nudge();

        assertThat(failures).singleElement().extracting(Throwable::getMessage).isEqualTo("no connection");
        assertThat(slots.running()).isZero();
    }

    @Test
    void aNudgeWhileEverySlotIsBusyIsTakenWhenADrainSucceeds() {
        List<UniEmitter<? super String>> pending = new ArrayList<>();
        DrainSlots slots = new DrainSlots(1, () -> Uni.createFrom().emitter(pending::add), e -> {
        });

        slots.nudge();
        slots.nudge(); // busy: remembered
        assertThat(pending).hasSize(1);
        pending.get(0).complete("done");

        assertThat(pending).hasSize(2);
        assertThat(slots.running()).isEqualTo(1);
    }

    @Test
    void aNudgeWhileEverySlotIsBusyWaitsForTheNextTickWhenTheDrainFails() {
        List<UniEmitter<? super String>> pending = new ArrayList<>();
        DrainSlots slots = new DrainSlots(1, () -> Uni.createFrom().emitter(pending::add), e -> {
        });

        slots.nudge();
        slots.nudge();
        pending.get(0).fail(new IllegalStateException("database down"));

        assertThat(pending).hasSize(1);
        assertThat(slots.running()).isZero();
    }

    @Test
    void aFullRecomputeWaitsForRunningDrainsAndNoneStartsWhileItHoldsTheSlots() {
        List<UniEmitter<? super String>> pending = new ArrayList<>();
        DrainSlots slots = new DrainSlots(2, () -> Uni.createFrom().emitter(pending::add), e -> {
        });
        slots.nudge();
        assertThat(pending).hasSize(2);

        var held = slots.holdAll().subscribeAsCompletionStage();
        pending.get(0).complete("done");
        pending.get(1).complete("done");
        held.toCompletableFuture().orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).join();
        slots.nudge();
        assertThat(pending).as("no drain starts while a full recompute holds the slots").hasSize(2);

        slots.releaseAll();

        assertThat(pending).as("the nudge made meanwhile is taken").hasSize(4);
    }

    @Test
    void atLeastOneSlot() {
        assertThatThrownBy(() -> new DrainSlots(0, () -> Uni.createFrom().voidItem(), e -> {
        })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }
}
