package io.meterline.gateway.openapi;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.smallrye.mutiny.Uni;

/**
 * {@code /api/openapi.json}: one document for every operation at the gateway, what admins generate clients from.
 * Public, like each service's {@code /q/openapi}; the gateway's own document stays at {@code /q/openapi}.
 */
@Path("/api/openapi.json")
public class MergedOpenApiResource {

    @Inject
    MergedOpenApi mergedOpenApi;

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Uni<byte[]> document() {
        return mergedOpenApi.document();
    }
}
