package io.meterline.gateway;

import java.util.List;

import io.meterline.testing.ServiceFoundationContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@GatewayTest
class GatewayFoundationTest extends ServiceFoundationContract {

    @Override
    protected List<String> expectedTables() {
        return List.of("audit_log");
    }
}
