package io.meterline.projection.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class AlertKindTest {

    @Test
    void onlyMarginBelowFiresBelow() {
        assertThat(Arrays.stream(AlertKind.values()).filter(kind -> !kind.firesAbove()))
                .containsExactly(AlertKind.MARGIN_BELOW);
    }

    @Test
    void onlyTheAnomalyRuleHasADefaultThreshold() {
        assertThat(AlertKind.COST_PER_UNIT_ANOMALY.defaultThreshold()).contains(new BigDecimal("3.5"));
        assertThat(Arrays.stream(AlertKind.values()).filter(kind -> kind.defaultThreshold().isPresent()))
                .containsExactly(AlertKind.COST_PER_UNIT_ANOMALY);
    }
}
