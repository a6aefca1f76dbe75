package io.meterline.pricing.discounts;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import io.meterline.platform.problem.ProblemException;
import io.meterline.platform.security.Actor;
import io.meterline.platform.security.Roles;
import io.meterline.platform.web.Bodies;
import io.meterline.platform.web.Created;
import io.meterline.platform.web.Ids;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Discounts and promotions on a price plan, a charge, or a client. */
@Path("/api/v1/discounts")
@Tag(name = "Discounts", description = "Percent or amount discounts and promotions, scoped to a plan, a charge or a client")
@Produces(MediaType.APPLICATION_JSON)
public class DiscountResource {

    static final String EXAMPLE = """
            {"name":"Launch promotion","type":"PERCENT","value":"20","scope":"CHARGE",
             "planId":"3f2b6c1e-0a4d-4f7e-9b1a-2c3d4e5f6a7b","chargeKey":"tokens",
             "validFrom":"2026-11-01T00:00:00Z","validUntil":"2026-12-01T00:00:00Z"}""";

    @Inject
    DiscountService service;

    @Inject
    SecurityIdentity identity;

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "List discounts", description = "Oldest first, unless sort asks otherwise; archived ones "
            + "only with includeArchived=true.")
    public Uni<Page<DiscountView>> list(@QueryParam("scope") String scope, @QueryParam("planId") String planId,
            @QueryParam("client") String client, @QueryParam("includeArchived") boolean includeArchived,
            @QueryParam("sort") @Parameter(description = "Order of the list: fields separated by commas, each with "
                    + "a leading '-' for descending. Fields: name, type, value, currency, scope, client, validFrom, "
                    + "validUntil, createdAt, updatedAt. Default: createdAt.", example = "-validUntil,name")
            String sort,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        if (scope != null && !java.util.List.of("PLAN", "CHARGE", "CLIENT").contains(scope)) {
            throw ProblemException.invalidField("scope", "must be PLAN, CHARGE or CLIENT");
        }
        return service.list(scope, planId == null ? null : Ids.parse(planId, "price plan"), client, includeArchived,
                SortOrder.parse(sort, DiscountService.SORTABLE, DiscountService.DEFAULT_SORT),
                PageRequest.of(page, size));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "Get a discount")
    public Uni<DiscountView> get(@PathParam("id") String id) {
        return service.get(Ids.parse(id, "discount"));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Operation(summary = "Create a discount", description = "Audited, and announced on meterline.pricing.catalog.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "promotion on a charge", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DiscountView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, or a plan or charge that does not exist")
    public Uni<RestResponse<DiscountView>> create(DiscountRequest request) {
        return service.create(Bodies.require(request, "a discount"), Actor.of(identity))
                .map(created -> Created.at("/api/v1/discounts/" + created.id(), created));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Operation(summary = "Replace a discount", description = "A new revision: audited and announced.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "promotion on a charge", value = EXAMPLE)))
    public Uni<DiscountView> replace(@PathParam("id") String id, DiscountRequest request) {
        return service.replace(Ids.parse(id, "discount"), Bodies.require(request, "a discount"), Actor.of(identity));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Operation(summary = "Archive a discount", description = "It no longer applies; its history is kept.")
    @APIResponse(responseCode = "204", description = "Archived")
    public Uni<Void> archive(@PathParam("id") String id) {
        return service.archive(Ids.parse(id, "discount"), Actor.of(identity));
    }

}
