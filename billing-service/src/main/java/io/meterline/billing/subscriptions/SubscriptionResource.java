package io.meterline.billing.subscriptions;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import io.smallrye.mutiny.Uni;

/** Subscriptions: which price plan a client is billed on, and when. */
@Path("/api/v1/subscriptions")
@Tag(name = "Subscriptions", description = "Clients on price plans")
@Produces(MediaType.APPLICATION_JSON)
public class SubscriptionResource {

    static final String EXAMPLE = """
            {"client":"0f8e3c52-4b7e-4d0e-9d55-2f7f1a9c6b10","pricePlan":"7d3b9a40-1c2e-4f6a-8b9c-0d1e2f3a4b5c",
             "startsAt":"2026-11-01T00:00:00Z"}""";

    @Inject
    SubscriptionService service;

    @Inject
    SecurityIdentity identity;

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "List subscriptions", description = "Of one client, or of all, by start unless sort asks "
            + "otherwise.")
    public Uni<Page<SubscriptionView>> list(@QueryParam("client") String client,
            @Parameter(description = "Order of the list: fields separated by commas, each with a leading '-' for "
                    + "descending. Fields: client, startsAt, endsAt, billMetersWithBuckets, createdAt, updatedAt. "
                    + "Default: startsAt.", example = "client,-startsAt")
            @QueryParam("sort") String sort,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return service.list(client == null ? null : Ids.parse(client, "client"),
                SortOrder.parse(sort, SubscriptionService.SORTABLE, SubscriptionService.DEFAULT_SORT),
                PageRequest.of(page, size));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "Get a subscription")
    @APIResponse(responseCode = "200", description = "The subscription",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SubscriptionView.class)))
    @APIResponse(responseCode = "404", description = "No such subscription")
    public Uni<SubscriptionView> get(@PathParam("id") String id) {
        return service.get(Ids.parse(id, "subscription"));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Operation(summary = "Subscribe a client to a price plan", description = "Audited and announced.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "subscribe", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SubscriptionView.class)))
    @APIResponse(responseCode = "400", description = "An unknown client or plan, or a plan in another currency")
    @APIResponse(responseCode = "409", description = "The client is already on the plan at that time")
    public Uni<RestResponse<SubscriptionView>> create(SubscriptionRequest request) {
        return service.create(Bodies.require(request, "a subscription"), Actor.of(identity))
                .map(created -> Created.at("/api/v1/subscriptions/" + created.id(), created));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Operation(summary = "Change a subscription", description = "Its window or overlap rule; end it with endsAt.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "end", value = EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The subscription as changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SubscriptionView.class)))
    @APIResponse(responseCode = "404", description = "No such subscription")
    @APIResponse(responseCode = "409", description = "Another client or plan, or an overlap")
    public Uni<SubscriptionView> replace(@PathParam("id") String id, SubscriptionRequest request) {
        return service.replace(Ids.parse(id, "subscription"), Bodies.require(request, "a subscription"),
                Actor.of(identity));
    }
}
