package io.meterline.billing.lateusage;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.meterline.platform.paging.Page;
import io.meterline.platform.paging.PageRequest;
import io.meterline.platform.paging.SortOrder;
import io.meterline.platform.security.Actor;
import io.meterline.platform.security.Roles;
import io.meterline.platform.web.Bodies;
import io.meterline.platform.web.Ids;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Late usage: per-meter policies, and the late usage REJECT meters left unbilled. */
@Path("/api/v1")
@Tag(name = "Late usage", description = "Usage stored for a period after its invoice was finalized")
@Produces(MediaType.APPLICATION_JSON)
public class LateUsageResource {

    @Inject
    LateUsageService service;

    @Inject
    SecurityIdentity identity;

    /** A meter's policy. */
    @Schema(name = "LateUsagePolicyRequest")
    public record PolicyRequest(@Schema(required = true, enumeration = { "ADJUST_NEXT", "REJECT" }) String policy) {
    }

    @GET
    @Path("/late-usage-policies")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "List late-usage policies", description = "By meter unless sort asks otherwise. Meters "
            + "not listed follow ADJUST_NEXT.")
    public Uni<Page<LateUsageService.PolicyView>> policies(
            @Parameter(description = "Order of the list: fields separated by commas, each with a leading '-' for "
                    + "descending. Fields: meter, policy, updatedAt. Default: meter.", example = "policy,meter")
            @QueryParam("sort") String sort,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return service.policies(SortOrder.parse(sort, LateUsageService.POLICY_SORTABLE,
                LateUsageService.POLICY_DEFAULT_SORT), PageRequest.of(page, size));
    }

    @PUT
    @Path("/late-usage-policies/{meter}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Set a meter's late-usage policy", description = "ADJUST_NEXT: the next invoice corrects "
            + "each earlier period. REJECT: late usage is reported and not billed. Audited.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "reject", value = """
            {"policy":"REJECT"}""")))
    @APIResponse(responseCode = "200", description = "The meter's policy as set",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = LateUsageService.PolicyView.class)))
    @APIResponse(responseCode = "400", description = "An unknown policy or a malformed meter name")
    public Uni<LateUsageService.PolicyView> set(@PathParam("meter") String meter, PolicyRequest request) {
        return service.set(meter, Bodies.require(request, "a policy").policy(), Actor.of(identity));
    }

    @GET
    @Path("/late-usage")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "Unbilled late usage", description = "Of REJECT meters, per client, period and meter; "
            + "newest first unless sort asks otherwise.")
    public Uni<Page<LateUsageService.ReportView>> reports(@QueryParam("client") String client,
            @Parameter(description = "Order of the list: fields separated by commas, each with a leading '-' for "
                    + "descending. Fields: detectedAt, client, periodStart, periodEnd, meter, billedUsage, "
                    + "currentUsage. Default: -detectedAt.", example = "meter,-periodStart")
            @QueryParam("sort") String sort,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return service.reports(client == null ? null : Ids.parse(client, "client"),
                SortOrder.parse(sort, LateUsageService.REPORT_SORTABLE, LateUsageService.REPORT_DEFAULT_SORT),
                PageRequest.of(page, size));
    }
}
