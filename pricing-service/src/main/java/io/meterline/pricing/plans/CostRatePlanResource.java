package io.meterline.pricing.plans;

import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Cost-rate plans: what usage costs us, priced by the same engine, giving metered cost and so margin. */
@Path("/api/v1/cost-rates")
@Tag(name = "Cost-rate plans", description = "What usage costs us: versioned, effective-dated, same structure as price plans")
public class CostRatePlanResource extends PlanEndpoints {

    @Override
    protected PlanKind kind() {
        return PlanKind.COST;
    }
}
