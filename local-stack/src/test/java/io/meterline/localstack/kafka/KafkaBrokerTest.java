package io.meterline.localstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KafkaBrokerTest {

    /** One in 64 random ids would start with '-', which the storage tool rejects; 2,000 tries see that case. */
    @Test
    void clusterIdsAreValidForTheStorageTool() {
        for (int i = 0; i < 2000; i++) {
            String id = KafkaBroker.newClusterId();
            assertThat(id).hasSize(22).doesNotStartWith("-").matches("[A-Za-z0-9_-]+");
        }
    }
}
