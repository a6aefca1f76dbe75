package io.meterline.metering.meters;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Meter definitions. */
@Path("/api/v1/meters")
@Tag(name = "Meters", description = "Named kinds of usage with a unit, an aggregation and dimensions")
@Produces(MediaType.APPLICATION_JSON)
public class MeterResource {

    static final String EXAMPLE = """
            {"apiName":"llm_tokens","displayName":"LLM tokens","unit":"tokens","aggregation":"SUM",
             "dimensions":["model","provider","region"]}""";
    static final String OPENMETER_EXAMPLE = """
            {"apiName":"tokens_total","displayName":"Tokens total","unit":"tokens","aggregation":"SUM",
             "eventType":"prompt","valueProperty":"$.tokens","groupBy":{"model":"$.model","type":"$.type"}}""";

    @Inject
    MeterService service;

    @Inject
    SecurityIdentity identity;

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "List meters")
    public Uni<List<Meter>> list() {
        return service.list();
    }

    @GET
    @Path("/{apiName}")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER })
    @Operation(summary = "Get a meter")
    @APIResponse(responseCode = "200", description = "The meter",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Meter.class)))
    @APIResponse(responseCode = "404", description = "No such meter")
    public Uni<Meter> get(@PathParam("apiName") String apiName) {
        return service.get(apiName);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Operation(summary = "Define a meter", description = "Audited. Events may name it within seconds on every replica. "
            + "OpenMeter's eventType, valueProperty and groupBy are taken as OpenMeter spells them.")
    @RequestBody(content = @Content(examples = { @ExampleObject(name = "tokens", value = EXAMPLE),
            @ExampleObject(name = "as OpenMeter defines it", value = OPENMETER_EXAMPLE) }))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Meter.class)))
    @APIResponse(responseCode = "400", description = "A field is invalid: errors names each (a path such as "
            + "valueProperty or groupBy.model, with why)")
    @APIResponse(responseCode = "409", description = "The apiName is taken, or is the event type another meter reads, or "
            + "the eventType is another meter's (one event type feeds one meter)")
    public Uni<RestResponse<Meter>> create(MeterRequest request) {
        return service.create(Bodies.require(request, "a meter"), Actor.of(identity))
                .map(meter -> Created.at("/api/v1/meters/" + meter.apiName(), meter));
    }

    @PUT
    @Path("/{apiName}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Operation(summary = "Change a meter", description = "The aggregation of a meter with stored events cannot change.")
    @RequestBody(content = @Content(examples = { @ExampleObject(name = "tokens", value = EXAMPLE),
            @ExampleObject(name = "as OpenMeter defines it", value = OPENMETER_EXAMPLE) }))
    @APIResponse(responseCode = "200", description = "The meter as changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Meter.class)))
    @APIResponse(responseCode = "400", description = "A field is invalid: errors names each")
    @APIResponse(responseCode = "409", description = "The aggregation of a meter with events cannot change, or the "
            + "event type is another meter's")
    public Uni<Meter> replace(@PathParam("apiName") String apiName, MeterRequest request) {
        return service.replace(apiName, Bodies.require(request, "a meter"), Actor.of(identity));
    }
}
