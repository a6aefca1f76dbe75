package io.meterline.gateway;

import java.util.List;

import io.meterline.testing.KafkaTestResource;
import io.meterline.testing.OidcTestResource;
import io.meterline.testing.PostgresTestResource;
import io.meterline.testing.ServiceFoundationContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service", value = "gateway"))
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(OidcTestResource.class)
class GatewayFoundationTest extends ServiceFoundationContract {

    @Override
    protected List<String> expectedTables() {
        return List.of("audit_log");
    }
}
