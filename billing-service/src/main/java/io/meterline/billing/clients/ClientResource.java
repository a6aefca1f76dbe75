package io.meterline.billing.clients;

import java.util.UUID;

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

/** Clients: the customers billing invoices. */
@Path("/api/v1/clients")
@Tag(name = "Clients", description = "Customers who are billed: currency, time zone and billing cycle")
@Produces(MediaType.APPLICATION_JSON)
public class ClientResource {

    static final String EXAMPLE = """
            {"name":"Acme Corp","externalId":"acme","currency":"USD","timeZone":"America/New_York",
             "billingCycle":{"type":"ANNIVERSARY","anchorDay":31},"startsAt":"2026-01-31T05:00:00Z",
             "gracePeriod":"P3D","paymentTermsDays":30}""";

    @Inject
    ClientService service;

    @Inject
    SecurityIdentity identity;

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "List clients", description = "Sorted by name, unless sort asks otherwise.")
    public Uni<Page<ClientView>> list(
            @Parameter(description = "Part of the name or external id, any case.") @QueryParam("search") String search,
            @Parameter(description = "Exactly this external id.") @QueryParam("externalId") String externalId,
            @QueryParam("enabled") Boolean enabled,
            @Parameter(description = "Order of the list: fields separated by commas, each with a leading '-' for "
                    + "descending. Fields: name, externalId, currency, timeZone, startsAt, endsAt, gracePeriod, "
                    + "paymentTermsDays, enabled, createdAt, updatedAt. Default: name.",
                    example = "currency,-createdAt")
            @QueryParam("sort") String sort,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return service.list(search, externalId, enabled,
                SortOrder.parse(sort, ClientService.SORTABLE, ClientService.DEFAULT_SORT), PageRequest.of(page, size));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "Get a client")
    @APIResponse(responseCode = "200", description = "The client",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ClientView.class)))
    @APIResponse(responseCode = "404", description = "No such client")
    public Uni<ClientView> get(@PathParam("id") String id) {
        return service.get(parseId(id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Operation(summary = "Create a client", description = "Audited, and announced on meterline.billing.events.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "acme", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ClientView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, each named")
    @APIResponse(responseCode = "409", description = "The externalId belongs to another client")
    public Uni<RestResponse<ClientView>> create(ClientRequest request) {
        return service.create(Bodies.require(request, "a client"), Actor.of(identity))
                .map(created -> Created.at("/api/v1/clients/" + created.id(), created));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Operation(summary = "Replace a client", description = "Absent optional fields take their defaults. Disable a "
            + "client with \"enabled\":false: it is then not billed. Audited and announced.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "acme", value = EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The client as replaced",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ClientView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, each named")
    @APIResponse(responseCode = "404", description = "No such client")
    @APIResponse(responseCode = "409", description = "The externalId belongs to another client")
    public Uni<ClientView> replace(@PathParam("id") String id, ClientRequest request) {
        return service.replace(parseId(id), Bodies.require(request, "a client"), Actor.of(identity));
    }

    private static UUID parseId(String id) {
        return Ids.parse(id, "client");
    }
}
