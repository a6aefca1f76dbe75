package io.meterline.metering.apikeys;

import java.util.List;
import java.util.Map;
import java.util.UUID;

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

import io.meterline.platform.audit.AuditLog;
import io.meterline.platform.problem.ProblemException;
import io.meterline.platform.security.Actor;
import io.meterline.platform.security.Roles;
import io.meterline.platform.web.Bodies;
import io.meterline.platform.web.Created;
import io.meterline.platform.web.Ids;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** API keys for tenant services. */
@Path("/api/v1/api-keys")
@Tag(name = "API keys", description = "Keys for tenant services: ingest or read, optionally scoped to one customer")
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeyResource {

    static final String TABLE = "api_key";

    @Inject
    Pool pool;

    @Inject
    ApiKeyRepository repository;

    @Inject
    ApiKeyIdentityProvider provider;

    @Inject
    AuditLog audit;

    @Inject
    SecurityIdentity identity;

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "List API keys", description = "Never the secrets.")
    public Uni<List<ApiKey>> list() {
        return repository.all(pool);
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
    public Uni<RestResponse<CreatedApiKey>> create(ApiKeyRequest request) {
        Bodies.require(request, "an API key").validate();
        UUID id = UUID.randomUUID();
        String secret = ApiKeySecrets.newKey();
        return pool.withTransaction(tx -> repository.insert(tx, id, request, ApiKeySecrets.hash(secret),
                ApiKeySecrets.displayPrefix(secret))
                .call(key -> audit.record(tx, Actor.of(identity), "create", TABLE, id, null, key)))
                .map(key -> Created.at("/api/v1/api-keys/" + id, new CreatedApiKey(key, secret)));
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Operation(summary = "Enable or disable a key", description = "Takes effect within seconds. Audited.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "disable", value = "{\"enabled\":false}")))
    public Uni<ApiKey> patch(@PathParam("id") String id, Map<String, Object> changes) {
        Object enabled = Bodies.require(changes, "a change").get("enabled");
        if (!(enabled instanceof Boolean) || changes.size() != 1) {
            throw ProblemException.invalidField("enabled", "send {\"enabled\": true or false}; nothing else changes");
        }
        UUID keyId = Ids.parse(id, "API key");
        return pool.withTransaction(tx -> require(tx, keyId).chain(old -> {
            if (old.revokedAt() != null) {
                throw ProblemException.conflict("The key " + id + " is revoked; make a new one.");
            }
            return repository.setEnabled(tx, keyId, (Boolean) enabled)
                    .call(now -> audit.record(tx, Actor.of(identity), "update", TABLE, keyId, old, now));
        })).invoke(provider::forget);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Operation(summary = "Revoke a key", description = "For good. Takes effect within seconds. Audited.")
    @APIResponse(responseCode = "204", description = "Revoked")
    public Uni<Void> revoke(@PathParam("id") String id) {
        UUID keyId = Ids.parse(id, "API key");
        return pool.withTransaction(tx -> require(tx, keyId).chain(old -> repository.revoke(tx, keyId)
                .call(now -> audit.record(tx, Actor.of(identity), "revoke", TABLE, keyId, old, now))))
                .invoke(provider::forget).replaceWithVoid();
    }

    private Uni<ApiKey> require(io.vertx.mutiny.sqlclient.SqlClient db, UUID id) {
        return repository.find(db, id, true).map(found -> {
            if (found == null) {
                throw ProblemException.notFound("No API key " + id + ".");
            }
            return found;
        });
    }
}
