package io.meterline.billing.runs;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import org.jboss.resteasy.reactive.RestResponse;

import io.meterline.platform.paging.Page;
import io.meterline.platform.paging.PageRequest;
import io.meterline.platform.paging.SortOrder;
import io.meterline.platform.security.Actor;
import io.meterline.platform.security.Roles;
import io.meterline.platform.web.Bodies;
import io.meterline.platform.web.Created;
import io.meterline.platform.web.Ids;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;

/** Pricing backtests: a past period re-rated under a plan version or draft, per client, before publishing. */
@Path("/api/v1/backtests")
@Tag(name = "Backtests", description = "Re-rate a past period under a candidate plan; nothing is billed")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class BacktestResource {

    @Inject
    BacktestService service;

    @Inject
    SecurityIdentity identity;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Operation(summary = "Run a backtest", description = "Per client on the plan (or the clients named): the "
            + "period's revenue, cost and margin under the plans in effect and under the candidate, and the deltas. "
            + "Only the result is stored.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "draft", value = """
            {"pricePlan":"7d3b9a40-1c2e-4f6a-8b9c-0d1e2f3a4b5c","period":"2026-10"}""")))
    @APIResponse(responseCode = "201", description = "The backtest's result",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = BacktestResult.class)))
    @APIResponse(responseCode = "400", description = "A malformed plan id or period, an unknown version or client")
    public RestResponse<BacktestResult> run(BacktestRequest request) {
        BacktestResult result = service.run(Bodies.require(request, "a backtest"), Actor.of(identity));
        return Created.at("/api/v1/backtests/" + result.id(), result);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "Get a backtest")
    @APIResponse(responseCode = "200", description = "The backtest's result, per client",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = BacktestResult.class)))
    @APIResponse(responseCode = "404", description = "No such backtest")
    public BacktestResult get(@PathParam("id") String id) {
        return service.get(Ids.parse(id, "backtest"));
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "List backtests", description = "Newest first, unless sort asks otherwise.")
    public Page<BacktestResult> list(
            @Parameter(description = "Order of the list: fields separated by commas, each with a leading '-' for "
                    + "descending. Fields: createdAt, period, requestedBy. Default: -createdAt.",
                    example = "-period,-createdAt")
            @QueryParam("sort") String sort,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return service.list(SortOrder.parse(sort, BacktestService.SORTABLE, BacktestService.DEFAULT_SORT),
                PageRequest.of(page, size));
    }
}
