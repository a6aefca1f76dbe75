package io.meterline.pricing;

import java.util.List;

import io.meterline.testing.ServiceFoundationContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@PricingTest
class PricingFoundationTest extends ServiceFoundationContract {

    @Override
    protected List<String> expectedTables() {
        return List.of("audit_log", "outbox", "unit_type", "plan", "plan_version", "discount");
    }
}
