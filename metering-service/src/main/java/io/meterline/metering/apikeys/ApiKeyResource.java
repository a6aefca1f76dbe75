package io.meterline.metering.apikeys;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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

/** API keys for tenant services. */
@Path("/api/v1/api-keys")
@Tag(name = "API keys", description = "Keys for tenant services: ingest or read, optionally scoped to one customer")
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeyResource {

    @Inject
    ApiKeyService keys;

    @Inject
    SecurityIdentity identity;

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "List API keys", description = "Oldest first. Never the secrets.")
    public Uni<List<ApiKey>> list() {
        return keys.list();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Operation(summary = "Create an API key", description = "The answer carries the secret, this once. Audited.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "ingest for acme", value = """
            {"name":"llm-gateway prod","role":"ingest","customer":"acme"}""")))
    @APIResponse(responseCode = "201", description = "The key and its secret",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CreatedApiKey.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, each named; nothing stored")
    public Uni<RestResponse<CreatedApiKey>> create(ApiKeyRequest request) {
        return keys.create(Bodies.require(request, "an API key"), Actor.of(identity))
                .map(created -> Created.at("/api/v1/api-keys/" + created.apiKey().id(), created));
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Operation(summary = "Enable or disable a key", description = "Takes effect within seconds. Audited.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "disable", value = "{\"enabled\":false}")))
    @APIResponse(responseCode = "200", description = "The key as it now is",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiKey.class)))
    @APIResponse(responseCode = "400", description = "Anything but {\"enabled\": true or false}")
    @APIResponse(responseCode = "404", description = "No such key")
    @APIResponse(responseCode = "409", description = "The key is revoked")
    public Uni<ApiKey> patch(@PathParam("id") String id, Map<String, Object> change) {
        return keys.setEnabled(Ids.parse(id, "API key"), ApiKeyChange.enabled(Bodies.require(change, "a change")),
                Actor.of(identity));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Operation(summary = "Revoke a key", description = "For good. Takes effect within seconds. Audited.")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", description = "No such key")
    public Uni<Void> revoke(@PathParam("id") String id) {
        return keys.revoke(Ids.parse(id, "API key"), Actor.of(identity));
    }
}
