package io.meterline.gateway.audit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.meterline.gateway.routing.CallerToken;
import io.meterline.platform.paging.PageRequest;
import io.meterline.platform.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Every service's audit log merged, newest first (each service's own stays on its own port). */
@Path("/api/v1/audit")
@Tag(name = "Audit", description = "Who changed what, when, with the values before and after, in every service")
public class MergedAuditResource {

    @Inject
    MergedAudit mergedAudit;

    @Inject
    SecurityIdentity identity;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "Page through every service's audit log", description = "Newest first, each entry with its "
            + "service. Pages reach the newest 500 entries of all services together: (page + 1) × size ≤ 500; filter "
            + "by table or recordId for older ones. A service that cannot be read is listed in `unavailable`.")
    public Uni<MergedAuditPage> list(@QueryParam("page") @Parameter(description = "From 0") Integer page,
            @QueryParam("size") @Parameter(description = "1 to 500, default 50") Integer size,
            @QueryParam("table") @Parameter(description = "Only this table, such as price_plan") String table,
            @QueryParam("recordId") @Parameter(description = "Only this record") String recordId) {
        return mergedAudit.page(PageRequest.of(page, size), table, recordId, CallerToken.of(identity));
    }
}
