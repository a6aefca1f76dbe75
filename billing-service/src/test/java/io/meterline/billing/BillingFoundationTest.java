package io.meterline.billing;

import java.util.List;
import java.util.Set;

import io.meterline.testing.KafkaTestResource;
import io.meterline.testing.OidcTestResource;
import io.meterline.testing.PostgresTestResource;
import io.meterline.testing.ServiceFoundationContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "service", value = "billing"))
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(OidcTestResource.class)
class BillingFoundationTest extends ServiceFoundationContract {

    @Override
    protected List<String> expectedTables() {
        return List.of("audit_log", "outbox", "client");
    }

    /** Allowed, it provisions buckets for every unbound asset, which other tests count: the matrix only tries the callers it must refuse. */
    @Override
    protected Set<String> notCalledByRoleHolders() {
        return Set.of("POST /api/v1/buckets/auto-provision");
    }
}
