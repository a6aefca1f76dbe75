package io.meterline.projection;

import java.util.List;
import java.util.Set;

import io.meterline.testing.ServiceFoundationContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@ProjectionTest
class ProjectionFoundationTest extends ServiceFoundationContract {

    @Override
    protected List<String> expectedTables() {
        return List.of("audit_log", "outbox", "processed_event", "replica", "usage_hour", "usage_meter_hour",
                "projection", "projection_total", "closed_invoice", "closed_reading");
    }

    /** Allowed, it recomputes every client: the matrix only tries the callers it must refuse. */
    @Override
    protected Set<String> notCalledByRoleHolders() {
        return Set.of("POST /api/v1/projections/recompute");
    }
}
