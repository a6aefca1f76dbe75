package io.meterline.metering.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class PoisonEventsTest {

    /** Stores parts that hold no poison, and fails as PostgreSQL does on text holding U+0000 otherwise. */
    private static final class Store implements PoisonEvents.Store<String> {
        final List<String> stored = new ArrayList<>();
        int attempts;

        @Override
        public void store(List<String> part) throws SQLException {
            attempts++;
            if (part.stream().anyMatch(s -> s.startsWith("poison"))) {
                throw new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021");
            }
            stored.addAll(part);
        }
    }

    @Test
    void aBatchWithoutPoisonIsStoredInOneGo() throws Exception {
        Store store = new Store();
        assertThat(PoisonEvents.storeAll(List.of("a", "b", "c"), store)).isEmpty();
        assertThat(store.stored).containsExactly("a", "b", "c");
        assertThat(store.attempts).isEqualTo(1);
    }

    @Test
    void onlyThePoisonIsSetAsideAndEveryOtherEventIsStoredOnce() throws Exception {
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            batch.add(i == 137 || i == 901 ? "poison-" + i : "e" + i);
        }
        Store store = new Store();
        List<PoisonEvents.Poison<String>> poison = PoisonEvents.storeAll(batch, store);
        assertThat(poison).extracting(PoisonEvents.Poison::item).containsExactly("poison-137", "poison-901");
        assertThat(poison.get(0).cause()).isInstanceOf(SQLException.class);
        assertThat(store.stored).hasSize(998).doesNotHaveDuplicates().allMatch(s -> s.startsWith("e"));
        // Halving finds two poisoned events among 1,000 in a few dozen attempts, not a thousand.
        assertThat(store.attempts).isLessThan(50);
    }

    @Test
    void aFailureOfTheMomentIsThrownForTheWholeBatchToBeRetried() {
        PoisonEvents.Store<String> databaseAway = part -> {
            throw new SQLException("Connection refused", "08006");
        };
        assertThatThrownBy(() -> PoisonEvents.storeAll(List.of("a", "b"), databaseAway))
                .isInstanceOf(SQLException.class).hasMessageContaining("refused");
        PoisonEvents.Store<String> poolClosing = part -> {
            throw new IllegalStateException("The pool is closed");
        };
        assertThatThrownBy(() -> PoisonEvents.storeAll(List.of("a", "b"), poolClosing))
                .isInstanceOf(IllegalStateException.class);
        PoisonEvents.Store<String> noState = part -> {
            throw new SQLException("Acquisition timeout");
        };
        assertThatThrownBy(() -> PoisonEvents.storeAll(List.of("a"), noState)).isInstanceOf(SQLException.class);
    }

    @Test
    void theDataIsBlamedOnlyForDataAndConstraintErrors() {
        assertThat(PoisonEvents.causedByData(new SQLException("x", "22003"))).isTrue();
        assertThat(PoisonEvents.causedByData(new SQLException("x", "23505"))).isTrue();
        assertThat(PoisonEvents.causedByData(new RuntimeException(new SQLException("x", "22P02")))).isTrue();
        assertThat(PoisonEvents.causedByData(new ArithmeticException("Overflow"))).isTrue();
        assertThat(PoisonEvents.causedByData(new SQLException("x", "40P01"))).isFalse();
        assertThat(PoisonEvents.causedByData(new SQLException("x", "57P01"))).isFalse();
        assertThat(PoisonEvents.causedByData(new RuntimeException(new SQLException("x", "53300")))).isFalse();
        assertThat(PoisonEvents.causedByData(new Exception("checked, unknown"))).isFalse();
    }
}
