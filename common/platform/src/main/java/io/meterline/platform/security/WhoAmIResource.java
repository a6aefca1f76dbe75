package io.meterline.platform.security;

import java.security.Principal;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;

/** Lets API users debug their credentials: every service answers who it thinks the caller is. */
@Path("/api/v1/whoami")
@Tag(name = "Identity", description = "Who the caller is")
public class WhoAmIResource {

    private static final Set<String> METERLINE_ROLES = Set.of(Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER,
            Roles.INGEST, Roles.READ);

    @Inject
    SecurityIdentity identity;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER, Roles.INGEST, Roles.READ })
    @Operation(summary = "The caller's subject and roles",
            description = "Returns the identity the service derived from the bearer token. Use it to check that a token "
                    + "carries the role an endpoint needs.")
    @APIResponse(responseCode = "200", description = "The caller",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CallerIdentity.class),
                    examples = @ExampleObject(name = "automation client", value = """
                            {"subject":"9f1c2a7e-4b1d-4c55-9a11-0c0f2b1e7d42",
                             "name":"service-account-meterline-automation","roles":["admin"],
                             "authentication":"oidc","issuer":"http://localhost:8180/realms/meterline"}""")))
    @APIResponse(responseCode = "401", description = "No token, or a token that is invalid or expired",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "403", description = "A valid token without a Meterline role",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public CallerIdentity whoami() {
        Principal principal = identity.getPrincipal();
        List<String> roles = identity.getRoles().stream().filter(METERLINE_ROLES::contains).sorted().toList();
        if (principal instanceof JsonWebToken jwt) {
            String name = jwt.getClaim("preferred_username");
            return new CallerIdentity(jwt.getSubject(), name != null ? name : jwt.getName(), roles, "oidc", jwt.getIssuer());
        }
        return new CallerIdentity(principal.getName(), principal.getName(), roles,
                identity.getAttribute("meterline.authentication"), null);
    }
}
