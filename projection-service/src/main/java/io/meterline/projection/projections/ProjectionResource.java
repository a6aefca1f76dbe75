package io.meterline.projection.projections;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.meterline.platform.paging.Page;
import io.meterline.platform.paging.PageRequest;
import io.meterline.platform.paging.SortOrder;
import io.meterline.platform.security.Roles;
import io.meterline.platform.web.Ids;
import io.smallrye.mutiny.Uni;

/** Projections of each client's open period. */
@Path("/api/v1/projections")
@Tag(name = "Projections", description = "Where each bucket and plan charge will land at the end of the period")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectionResource {

    @Inject
    ProjectionQueries queries;

    @Inject
    Recomputer recomputer;

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "List projections", description = "A client's whole open period in one read (its buckets "
            + "and plan charges), or every client's, ordered by customer unless sort asks otherwise. Recomputed when "
            + "usage arrives (debounced) and on a schedule; calculatedAt says when.")
    @APIResponse(responseCode = "200", description = "A page of projections")
    @APIResponse(responseCode = "404", description = "An unknown client or bucket")
    public Uni<Page<ProjectionView>> list(
            @Parameter(description = "Billing's client id.") @QueryParam("client") String client,
            @Parameter(description = "Only this bucket's line.") @QueryParam("bucket") String bucket,
            @Parameter(description = "Order of the list: fields separated by commas, each with a leading '-' for "
                    + "descending. Fields: externalId, charge, meter, sourceType, periodEnd, currency, currentUsage, "
                    + "projectedUsage, commitUnits, percentOfCommit, currentRevenue, currentCost, projectedCost, "
                    + "projectedMeteredCost, projectedOverage, projectedBuffer, calculatedAt. Default: externalId.",
                    example = "-percentOfCommit,externalId") @QueryParam("sort") String sort,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return queries.list(client == null ? null : Ids.parse(client, "client"),
                bucket == null ? null : Ids.parse(bucket, "bucket"),
                SortOrder.parse(sort, ProjectionQueries.SORTABLE, ProjectionQueries.DEFAULT_SORT),
                PageRequest.of(page, size));
    }

    @POST
    @Path("/recompute")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Operation(summary = "Recompute every client now", description = "Marks every client and recomputes them all "
            + "before answering, with how many and how long it took. The schedule does the same on its own.")
    public Uni<Recomputer.Pass> recompute() {
        return recomputer.recomputeAll();
    }
}
