package io.meterline.metering.suppressions;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.meterline.platform.security.Actor;
import io.meterline.platform.security.Roles;
import io.meterline.platform.web.Bodies;
import io.meterline.platform.web.Created;
import io.meterline.platform.web.Ids;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Ingest suppressions: matching events are dropped at ingest, counted, and never stored. */
@Path("/api/v1/suppressions")
@Tag(name = "Ingest suppressions", description = "Drop matching events at ingest: no asset row, no raw data")
@Produces(MediaType.APPLICATION_JSON)
public class SuppressionResource {

    @Inject
    SuppressionService suppressions;

    @Inject
    SecurityIdentity identity;

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "List suppression rules, with what each has dropped", description = "Oldest first.")
    public Uni<List<SuppressionRule>> list() {
        return suppressions.list();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Operation(summary = "Add a suppression rule", description = "Takes effect within seconds on every replica. Audited.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "load-test hosts", value = """
            {"pattern":"loadtest-*","target":"ASSET","reason":"Load-test hosts, never billed"}""")))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SuppressionRule.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, each named; nothing stored")
    public Uni<RestResponse<SuppressionRule>> create(SuppressionRequest request) {
        return suppressions.create(Bodies.require(request, "a suppression rule"), Actor.of(identity))
                .map(rule -> Created.at("/api/v1/suppressions/" + rule.id(), rule));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Operation(summary = "Remove a suppression rule", description = "Matching events are accepted again. Audited.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such rule")
    public Uni<Void> delete(@PathParam("id") String id) {
        return suppressions.delete(Ids.parse(id, "suppression rule"), Actor.of(identity));
    }
}
