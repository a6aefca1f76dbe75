package io.meterline.pricing.unittypes;

import java.util.UUID;

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
import io.meterline.platform.security.Actor;
import io.meterline.platform.security.Roles;
import io.meterline.platform.web.Bodies;
import io.meterline.platform.web.Created;
import io.meterline.platform.web.Ids;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Unit types and their bucket templates. */
@Path("/api/v1/unit-types")
@Tag(name = "Unit types", description = "Billable units and the bucket templates that drive auto-provisioning")
@Produces(MediaType.APPLICATION_JSON)
public class UnitTypeResource {

    static final String EXAMPLE = """
            {"name":"vcpu-hour","description":"One vCPU for one hour","meter":"vcpu_hours","aggregation":"SUM",
             "autoProvision":true,"currency":"USD","commitUnits":"720","basePrice":"300.00","overageRate":"0.45",
             "filterOn":"SOURCE","filterPattern":"k8s-*"}""";

    @Inject
    UnitTypeService service;

    @Inject
    SecurityIdentity identity;

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "List unit types", description = "Sorted by name, unless sort asks otherwise.")
    public Uni<Page<UnitType>> list(
            @QueryParam("sort") @Parameter(description = "Order of the list: fields separated by commas, each with "
                    + "a leading '-' for descending. Fields: name, meter, aggregation, autoProvision, currency, "
                    + "commitUnits, basePrice, overageRate, createdAt, updatedAt. Default: name.",
                    example = "meter,-createdAt")
            String sort,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return service.list(SortOrder.parse(sort, UnitTypeService.SORTABLE, UnitTypeService.DEFAULT_SORT),
                PageRequest.of(page, size));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "Get a unit type")
    @APIResponse(responseCode = "200", description = "The unit type, with its bucket template",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = UnitType.class)))
    @APIResponse(responseCode = "404", description = "No such unit type")
    public Uni<UnitType> get(@PathParam("id") String id) {
        return service.get(parseId(id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Operation(summary = "Create a unit type", description = "Audited, and announced on meterline.pricing.catalog.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "vcpu-hour", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = UnitType.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "409", description = "The name is taken")
    public Uni<RestResponse<UnitType>> create(UnitTypeRequest request) {
        return service.create(Bodies.require(request, "a unit type"), Actor.of(identity))
                .map(created -> Created.at("/api/v1/unit-types/" + created.id(), created));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Operation(summary = "Replace a unit type", description = "A new revision: audited and announced.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "vcpu-hour", value = EXAMPLE)))
    public Uni<UnitType> replace(@PathParam("id") String id, UnitTypeRequest request) {
        return service.replace(parseId(id), Bodies.require(request, "a unit type"), Actor.of(identity));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Operation(summary = "Delete a unit type", description = "Announced as deleted; its history stays in the audit log.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Uni<Void> delete(@PathParam("id") String id) {
        return service.delete(parseId(id), Actor.of(identity));
    }

    private static UUID parseId(String id) {
        return Ids.parse(id, "unit type");
    }

}
