package io.meterline.metering.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** The sealed epochs' filter: never a "no" for an identity it holds, and "maybe" for others about as often as sized. */
class IdentityFilterTest {

    @Property(tries = 200)
    void neverAnswersNoForAnIdentityItHolds(@ForAll @Size(max = 300) List<@StringLength(max = 40) String> ids,
            @ForAll @StringLength(max = 20) String scope) {
        IdentityFilter filter = IdentityFilter.sized(ids.size(), 0.01);
        ids.forEach(id -> filter.add(IdentityFilter.hash(scope, id)));
        IdentityFilter stored = IdentityFilter.fromBytes(filter.toBytes());
        for (String id : ids) {
            assertThat(filter.mightContain(IdentityFilter.hash(scope, id))).isTrue();
            assertThat(stored.mightContain(IdentityFilter.hash(scope, id))).isTrue();
        }
    }

    @Test
    void answersMaybeForNewIdentitiesAtAboutTheRateItWasSizedFor() {
        int held = 1_000_000;
        for (double rate : new double[] { 0.01, 0.001 }) {
            IdentityFilter filter = IdentityFilter.sized(held, rate);
            // Shaped like real identities: a few customers, sequential ids.
            for (int i = 0; i < held; i++) {
                filter.add(IdentityFilter.hash("c:customer-" + (i % 1000), "evt-" + i));
            }
            int wrong = 0;
            for (int i = held; i < 2 * held; i++) {
                if (filter.mightContain(IdentityFilter.hash("c:customer-" + (i % 1000), "evt-" + i))) {
                    wrong++;
                }
            }
            double measured = (double) wrong / held;
            assertThat(measured).as("false-positive rate sized for %s", rate).isBetween(rate / 3, rate * 1.5);
            assertThat(filter.sizeBytes()).as("bytes per identity").isLessThan((long) (held * 2.6));
        }
    }

    @Test
    void scopeAndIdAreNotRunTogether() {
        assertThat(IdentityFilter.hash("ab", "c")).isNotEqualTo(IdentityFilter.hash("a", "bc"));
    }

    @Test
    void refusesWhatIsNotAStoredFilterAndAnImpossibleRate() {
        assertThatThrownBy(() -> IdentityFilter.fromBytes(new byte[] { 1, 0, 0, 0, 7 }))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IdentityFilter.sized(10, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
