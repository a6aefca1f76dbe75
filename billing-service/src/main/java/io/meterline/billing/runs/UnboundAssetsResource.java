package io.meterline.billing.runs;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.meterline.platform.security.Roles;
import io.meterline.platform.web.Ids;
import io.smallrye.mutiny.Uni;

/** Revenue leakage: a client's assets that no bucket counts. */
@Path("/api/v1/clients/{id}/unbound-assets")
@Tag(name = "Clients")
@Produces(MediaType.APPLICATION_JSON)
public class UnboundAssetsResource {

    @Inject
    UnboundAssetsService service;

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "Unbound assets", description = "The client's assets whose usage of a meter no bucket "
            + "counts, with their usage of the open period (up to the last whole hour) valued at a unit type's "
            + "overage rate, or else at the client's plan.")
    @APIResponse(responseCode = "200", description = "The client's unbound assets and their valued usage",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = UnboundAssets.class)))
    @APIResponse(responseCode = "404", description = "No such client")
    public Uni<UnboundAssets> unbound(@PathParam("id") String id) {
        return service.find(Ids.parse(id, "client"));
    }
}
