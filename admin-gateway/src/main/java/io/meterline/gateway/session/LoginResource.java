package io.meterline.gateway.session;

import java.net.URI;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.security.Authenticated;

/**
 * The console's login. An HTTP permission sends a browser without a session through Keycloak's login (authorization
 * code flow with PKCE); once it has one, this sends it on to the page it came from.
 */
@Path("/login")
public class LoginResource {

    @GET
    @Authenticated
    @Operation(hidden = true)
    public Response login(@QueryParam("next") String next) {
        return Response.seeOther(URI.create(LandingPath.of(next))).build();
    }
}
