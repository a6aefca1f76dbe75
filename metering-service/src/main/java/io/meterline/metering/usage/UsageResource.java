package io.meterline.metering.usage;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.meterline.metering.apikeys.ApiKeyIdentity;
import io.meterline.platform.security.Roles;
import io.meterline.platform.web.Bodies;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** The usage explorer: usage by meter, customer, asset and dimension, at hour, day or month granularity. */
@Path("/api/v1/usage")
@Tag(name = "Usage", description = "Query stored, deduplicated usage")
public class UsageResource {

    @Inject
    UsageService service;

    @Inject
    SecurityIdentity identity;

    @POST
    @Path("/query")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER, ApiKeyIdentity.READ })
    @Operation(summary = "Query usage",
            description = "Exact for every aggregation over any window: whole hours come from hourly rollups, other "
                    + "windows from the raw events. Where a raw-event retention is set, a window not on whole hours "
                    + "that starts before it is refused with 400 (field from). A read key sees only its customer's "
                    + "usage.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "daily tokens by model", value = """
            {"meter":"llm_tokens","from":"2026-11-01T00:00:00Z","to":"2026-12-01T00:00:00Z","customer":"acme",
             "groupBy":["model"],"granularity":"DAY","filters":{"provider":"azure"}}""")))
    public Uni<Map<String, List<UsageRow>>> query(UsageQuery query) {
        return service.query(Bodies.require(query, "a usage query"),
                identity.getAttribute(ApiKeyIdentity.CUSTOMER_SCOPE)).map(rows -> Map.of("rows", rows));
    }

    /** Billing reads whole periods through totals; larger pages mean fewer passes over the period's usage. */
    static final int TOTALS_MAX_PAGE = 10_000;

    @POST
    @Path("/totals")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "Period totals per meter, customer, asset and dimension set",
            description = "The bulk form a billing run reads: each meter's aggregation over [from, to), paged. "
                    + "Disregarded assets are left out; assigned assets count for their client. Bounds not on whole "
                    + "hours before the raw-event retention are refused with 400.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "November", value = """
            {"from":"2026-11-01T00:00:00Z","to":"2026-12-01T00:00:00Z"}""")))
    public Uni<io.meterline.platform.paging.Page<UsageTotal>> totals(UsageTotalsRequest request,
            @jakarta.ws.rs.QueryParam("page") Integer page, @jakarta.ws.rs.QueryParam("size") Integer size) {
        return service.totals(Bodies.require(request, "a period"),
                io.meterline.platform.paging.PageRequest.of(page, size, TOTALS_MAX_PAGE));
    }
}
