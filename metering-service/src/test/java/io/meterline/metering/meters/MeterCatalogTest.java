package io.meterline.metering.meters;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;


class MeterCatalogTest {

    @Test
    void aReadThatBeganEarlierNeverReplacesALaterOne() {
        MeterCatalog catalog = new MeterCatalog();
        // The reload after a change (read 2) finishes first; the periodic read begun before the change (read 1) last.
        catalog.apply(2, List.of(meter("llm_tokens"), meter("vcpu_hours")));
        catalog.apply(1, List.of(meter("llm_tokens")));
        assertThat(catalog.find("vcpu_hours")).isNotNull();

        catalog.apply(3, List.of(meter("llm_tokens")));
        assertThat(catalog.find("vcpu_hours")).as("a later read applies, removals included").isNull();
    }

    @Test
    void aCloudEventTypeFindsTheMeterDeclaringItElseTheMeterSoNamed() {
        MeterCatalog catalog = new MeterCatalog();
        Meter tokens = new Meter(UUID.randomUUID(), "tokens_total", "Tokens", null, Aggregation.SUM, null, List.of(),
                "prompt", "$.tokens", null, null, null);
        catalog.apply(1, List.of(tokens, meter("requests")));
        assertThat(catalog.forEventType("prompt")).isSameAs(tokens);
        assertThat(catalog.forEventType("requests").apiName()).isEqualTo("requests");
        assertThat(catalog.forEventType("tokens_total")).as("a meter with an eventType reads that type alone").isNull();
        assertThat(catalog.find("prompt")).as("our JSON names meters, not event types").isNull();
        assertThat(catalog.forEventType("unknown")).isNull();
    }

    private static Meter meter(String apiName) {
        return new Meter(UUID.randomUUID(), apiName, apiName, "units", Aggregation.SUM, null, List.of(), null, null,
                null, null, null);
    }
}
