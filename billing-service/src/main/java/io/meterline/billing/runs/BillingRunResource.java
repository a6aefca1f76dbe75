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
import io.meterline.platform.web.Ids;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Billing runs: jobs that close periods into readings and invoices. */
@Path("/api/v1/billing-runs")
@Tag(name = "Billing runs", description = "Close periods: pull usage, rate it, write readings and invoices")
@Produces(MediaType.APPLICATION_JSON)
public class BillingRunResource {

    @Inject
    BillingRunService service;

    @Inject
    BillingRunWorker worker;

    @Inject
    SecurityIdentity identity;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Operation(summary = "Start a billing run", description = "Answers at once with the queued run; follow it with "
            + "GET. Idempotent: a period that has an invoice is never billed again.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "month end", value = """
            {"asOf":"2026-12-04T00:00:00Z"}""")))
    @APIResponse(responseCode = "202", description = "Queued",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = BillingRunView.class)))
    @APIResponse(responseCode = "400", description = "asOf in the future, or an unknown client")
    public Uni<RestResponse<BillingRunView>> start(BillingRunRequest request) {
        return service.start(Bodies.require(request, "a billing run"), Actor.of(identity))
                .invoke(worker::wake)
                .map(run -> RestResponse.ResponseBuilder.<BillingRunView> create(RestResponse.Status.ACCEPTED)
                        .location(java.net.URI.create("/api/v1/billing-runs/" + run.id())).entity(run).build());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "Get a billing run", description = "Status, progress and per-client errors, live.")
    @APIResponse(responseCode = "200", description = "The run, with its progress and errors",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = BillingRunView.class)))
    @APIResponse(responseCode = "404", description = "No such run")
    public Uni<BillingRunView> get(@PathParam("id") String id) {
        return service.get(Ids.parse(id, "billing run"));
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "List billing runs", description = "Newest first, unless sort asks otherwise.")
    public Uni<Page<BillingRunView>> list(
            @Parameter(description = "Order of the list: fields separated by commas, each with a leading '-' for "
                    + "descending. Fields: createdAt, asOf, status, invoices, requestedBy, startedAt, finishedAt. "
                    + "Default: -createdAt.", example = "status,-createdAt")
            @QueryParam("sort") String sort,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return service.list(SortOrder.parse(sort, BillingRunService.SORTABLE, BillingRunService.DEFAULT_SORT),
                PageRequest.of(page, size));
    }
}
