package io.meterline.metering.assets;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.meterline.metering.usage.UsageRow;
import io.meterline.platform.paging.Page;
import io.meterline.platform.paging.PageRequest;
import io.meterline.platform.paging.SortOrder;
import io.meterline.platform.security.Actor;
import io.meterline.platform.security.Roles;
import io.meterline.platform.web.Bodies;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Assets discovered at ingest: review, name, assign to a client, disregard. */
@Path("/api/v1/assets")
@Tag(name = "Assets", description = "Metered resources discovered from events")
@Produces(MediaType.APPLICATION_JSON)
public class AssetResource {

    @Inject
    AssetService service;

    @Inject
    SecurityIdentity identity;

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "List assets", description = "Most recently seen first, unless sort asks otherwise. "
            + "Disregarded assets only with disregarded=true.")
    public Uni<Page<Asset>> list(
            @QueryParam("new") @Parameter(description = "true: not acknowledged yet") Boolean isNew,
            @QueryParam("unassigned") @Parameter(description = "true: no client yet") Boolean unassigned,
            @QueryParam("disregarded") @Parameter(description = "true: the disregarded ones") boolean disregarded,
            @QueryParam("client") String client, @QueryParam("source") String source,
            @QueryParam("q") @Parameter(description = "Text in the id, name or description") String search,
            @QueryParam("sort") @Parameter(description = "Order of the list: fields separated by commas, each with "
                    + "a leading '-' for descending. Fields: id, name, source, client, acknowledged, enabled, "
                    + "firstSeen, lastSeen, createdAt, updatedAt. Default: -lastSeen.", example = "client,-lastSeen")
            String sort,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return service.list(new AssetFilter(isNew, unassigned, disregarded, client, source, search),
                SortOrder.parse(sort, AssetService.SORTABLE, AssetService.DEFAULT_SORT),
                PageRequest.of(page, size));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "Get an asset")
    public Uni<Asset> get(@PathParam("id") String id) {
        return service.get(id);
    }

    @POST
    @Path("/{id}/ack")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Operation(summary = "Acknowledge a new asset")
    public Uni<Asset> acknowledge(@PathParam("id") String id) {
        return service.acknowledge(id, Actor.of(identity));
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Operation(summary = "Change an asset's name, description or enabled flag")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "rename", value = """
            {"name":"EU gateway 1","description":"Primary LLM gateway in eu-west-1","enabled":true}""")))
    public Uni<Asset> patch(@PathParam("id") String id, Map<String, Object> changes) {
        return service.update(id, Bodies.require(changes, "a change"), Actor.of(identity));
    }

    @PUT
    @Path("/{id}/client")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Operation(summary = "Assign the asset to a client",
            description = "Its events that have no customer count for that client from now on, the earlier ones too. "
                    + "Send {\"client\": null} to unassign.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "assign", value = "{\"client\":\"acme\"}")))
    public Uni<Asset> assign(@PathParam("id") String id, Map<String, Object> body) {
        return service.assign(id, AssetAssignment.client(Bodies.require(body, "a client")), Actor.of(identity));
    }

    @POST
    @Path("/{id}/disregard")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Operation(summary = "Disregard an asset", description = "Hidden from default views and excluded from usage totals "
            + "and billing; its history is kept.")
    public Uni<Asset> disregard(@PathParam("id") String id) {
        return service.disregard(id, Actor.of(identity));
    }

    @POST
    @Path("/{id}/restore")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Operation(summary = "Restore a disregarded asset")
    public Uni<Asset> restore(@PathParam("id") String id) {
        return service.restore(id, Actor.of(identity));
    }

    @GET
    @Path("/{id}/usage")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "The asset's daily usage per meter", description = "The last `days` days (1 to 366, default 30), "
            + "each meter with its own aggregation.")
    public Uni<Map<String, List<UsageRow>>> usage(@PathParam("id") String id, @QueryParam("days") Integer days) {
        return service.dailyUsage(id, days == null ? 30 : days);
    }
}
