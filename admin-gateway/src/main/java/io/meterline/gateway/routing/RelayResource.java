package io.meterline.gateway.routing;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.meterline.platform.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * One origin for admins: every {@code /api/v1/**} call the gateway does not answer itself goes to the service that
 * owns it ({@link ServiceRelay}). The gateway's own endpoints ({@code whoami}, its views) are more specific paths
 * and win. Hidden from the gateway's OpenAPI: each service documents its own operations.
 */
@Path("/api/v1")
@RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
public class RelayResource {

    private static final String ANY = "{path: .+}";

    @Inject
    ServiceRelay relay;

    @Inject
    SecurityIdentity identity;

    @GET
    @Path(ANY)
    @Operation(hidden = true)
    public Uni<Response> get(@Context UriInfo uri, @Context HttpHeaders headers) {
        return relay("GET", uri, headers, null);
    }

    @DELETE
    @Path(ANY)
    @Operation(hidden = true)
    public Uni<Response> delete(@Context UriInfo uri, @Context HttpHeaders headers) {
        return relay("DELETE", uri, headers, null);
    }

    @POST
    @Path(ANY)
    @Consumes(MediaType.WILDCARD)
    @Operation(hidden = true)
    public Uni<Response> post(@Context UriInfo uri, @Context HttpHeaders headers, byte[] body) {
        return relay("POST", uri, headers, body);
    }

    @PUT
    @Path(ANY)
    @Consumes(MediaType.WILDCARD)
    @Operation(hidden = true)
    public Uni<Response> put(@Context UriInfo uri, @Context HttpHeaders headers, byte[] body) {
        return relay("PUT", uri, headers, body);
    }

    @PATCH
    @Path(ANY)
    @Consumes(MediaType.WILDCARD)
    @Operation(hidden = true)
    public Uni<Response> patch(@Context UriInfo uri, @Context HttpHeaders headers, byte[] body) {
        return relay("PATCH", uri, headers, body);
    }

    private Uni<Response> relay(String method, UriInfo uri, HttpHeaders headers, byte[] body) {
        String rawPath = uri.getRequestUri().getRawPath().substring("/api/v1/".length());
        return relay.relay(method, rawPath, uri.getRequestUri().getRawQuery(), headers, body,
                CallerToken.of(identity));
    }
}
