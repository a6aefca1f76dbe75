package io.meterline.billing.buckets;

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

/** Billing buckets: commit, base and overage contracts per client and unit type, with their assets. */
@Path("/api/v1/buckets")
@Tag(name = "Buckets", description = "A client's commitment for one unit type, and the assets it counts")
@Produces(MediaType.APPLICATION_JSON)
public class BucketResource {

    static final String EXAMPLE = """
            {"client":"0f8e3c52-4b7e-4d0e-9d55-2f7f1a9c6b10","unitType":"vcpu-hour","name":"Production cluster",
             "sourceType":"k8s","commitUnits":"720","basePrice":"300.00","overageRate":"0.45",
             "startsAt":"2026-11-01T00:00:00Z","assets":["node-a","node-b"]}""";

    @Inject
    BucketService service;

    @Inject
    SecurityIdentity identity;

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "List buckets", description = "Across clients, by client and name unless sort asks "
            + "otherwise, with filters.")
    public Uni<Page<BucketView>> list(@Parameter(description = "A client id.") @QueryParam("client") String client,
            @Parameter(description = "A unit type's id or name.") @QueryParam("unitType") String unitType,
            @QueryParam("reviewed") Boolean reviewed, @QueryParam("enabled") Boolean enabled,
            @QueryParam("sourceType") String sourceType,
            @Parameter(description = "Order of the list: fields separated by commas, each with a leading '-' for "
                    + "descending. Fields: client, name, meter, sourceType, commitUnits, basePrice, overageRate, "
                    + "startsAt, endsAt, reviewed, enabled, autoProvisioned, createdAt, updatedAt. "
                    + "Default: client,name.", example = "-commitUnits,name")
            @QueryParam("sort") String sort,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        UUID clientId = client == null ? null : Ids.parse(client, "client");
        return service.list(clientId, unitType, reviewed, enabled, sourceType,
                SortOrder.parse(sort, BucketService.SORTABLE, BucketService.DEFAULT_SORT), PageRequest.of(page, size));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "Get a bucket")
    @APIResponse(responseCode = "200", description = "The bucket, with its assets",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = BucketView.class)))
    @APIResponse(responseCode = "404", description = "No such bucket")
    public Uni<BucketView> get(@PathParam("id") String id) {
        return service.get(Ids.parse(id, "bucket"));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Operation(summary = "Create a bucket", description = "Absent amounts default from the unit type's template. "
            + "Audited, and announced on meterline.billing.events.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "vcpu", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = BucketView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, an unknown client or unit type, or a unit type "
            + "in another currency than the client's")
    @APIResponse(responseCode = "409", description = "An asset already counts in another bucket for the meter, or "
            + "another bucket already counts the client's unbound usage")
    public Uni<RestResponse<BucketView>> create(BucketRequest request) {
        return service.create(Bodies.require(request, "a bucket"), Actor.of(identity))
                .map(created -> Created.at("/api/v1/buckets/" + created.id(), created));
    }

    @Inject
    AutoProvisioner provisioner;

    /** What auto-provisioning made. */
    public record Provisioned(java.util.List<BucketView> created) {
    }

    @POST
    @Path("/auto-provision")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Operation(summary = "Auto-provision buckets now", description = "For every unit type with auto-provision on, a "
            + "bucket for each client whose assets match its filter and that has none, from the template, "
            + "unreviewed. The nightly job does the same. Each bucket is audited and announced.")
    public Uni<Provisioned> autoProvision() {
        return provisioner.provision(Actor.of(identity))
                .map(made -> new Provisioned(made.stream().filter(java.util.Objects::nonNull).toList()));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Operation(summary = "Replace a bucket", description = "The client and unit type stay. With assets, the "
            + "bindings are replaced; without, they stay. Audited and announced.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "vcpu", value = EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The bucket as replaced",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = BucketView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "404", description = "No such bucket")
    @APIResponse(responseCode = "409", description = "Another client or unit type, or an overlapping binding")
    public Uni<BucketView> replace(@PathParam("id") String id, BucketRequest request) {
        return service.replace(Ids.parse(id, "bucket"), Bodies.require(request, "a bucket"), Actor.of(identity));
    }
}
