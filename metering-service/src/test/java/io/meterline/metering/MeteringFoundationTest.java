package io.meterline.metering;

import java.util.List;

import io.meterline.testing.ServiceFoundationContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@MeteringTest
class MeteringFoundationTest extends ServiceFoundationContract {

    @Override
    protected List<String> expectedTables() {
        return List.of("audit_log", "outbox", "meter", "event_identity", "ledger_epoch", "meter_event", "usage_rollup",
                "usage_rollup_unique", "asset", "suppression", "api_key", "metered_batch");
    }
}
